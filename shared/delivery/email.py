"""E-mail over SMTP (stdlib ``smtplib``), with chart images attached."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

from shared.config import Settings
from shared.security.text_sinks import header_value


def build_message(settings: Settings, *, to: Sequence[str], subject: str, text: str, html: str | None = None,
                  images: Sequence[tuple[str, bytes]] = ()) -> EmailMessage:
    """A MIME message with a text (and optional HTML) body and PNG attachments."""
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = ", ".join(to)
    msg["Subject"] = header_value(subject)  # competitor and product names reach subjects: one line only
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for filename, png in images:
        msg.add_attachment(png, maintype="image", subtype="png", filename=filename)
    return msg


def send(settings: Settings, message: EmailMessage) -> None:
    """Send through the configured SMTP server (raises ``smtplib.SMTPException`` / ``OSError`` on failure)."""
    if not settings.smtp_host:
        raise smtplib.SMTPException("no SMTP server configured (ECOMINTEL_SMTP_HOST)")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user and settings.smtp_password is not None:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(message)
