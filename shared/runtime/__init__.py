"""Running functions locally through their real trigger shapes."""
