# Everything Terraform derives from the functions manifest (infra/functions.yaml), with no provider and
# no resource: a pure module, so `terraform console` can evaluate it offline (tests/unit/cloud/test_terraform.py).
# Optional manifest keys are normalised here to one shape, so the root module never guesses.

locals {
  manifest = yamldecode(var.manifest_yaml)

  # merge() ignores a null argument: an absent or empty `schedules:` is {}, a filled one is kept whole.
  # (The former try(coalesce(schedules, {}), {}) always failed on coalesce's type check and yielded {}.)
  raw_schedules = merge({}, try(local.manifest.schedules, {}))
  raw_secrets   = merge({}, try(local.manifest.secrets, {}))

  functions = { for name, f in local.manifest.functions : name => {
    description = try(f.description, "")
    entry_point = f.entry_point
    trigger = {
      type   = f.trigger.type
      auth   = try(f.trigger.auth, "required")
      topic  = try(f.trigger.topic, null)
      bucket = try(f.trigger.bucket, null)
    }
    memory_mb     = try(f.memory_mb, 256)
    timeout_s     = try(f.timeout_s, 60)
    max_instances = try(f.max_instances, 10)
    min_instances = try(f.min_instances, 0)
    env           = { for k, v in merge({}, try(f.env, {})) : k => tostring(v) }
    secrets       = [for s in concat([], try(f.secrets, [])) : tostring(s)]
  } }

  topics = { for name, t in local.manifest.topics : name => {
    description = try(t.description, "")
    dead_letter = try(t.dead_letter, false)
  } }

  buckets = { for name, b in local.manifest.buckets : name => {
    description           = try(b.description, "")
    lifecycle_delete_days = try(b.lifecycle_delete_days, null)
    notification_topic    = try(b.notification_topic, null)
  } }

  schedules = { for name, s in local.raw_schedules : name => {
    description = try(s.description, "")
    cron        = s.cron
    topic       = s.topic
    time_zone   = try(s.time_zone, "Etc/UTC")
    data        = jsonencode(merge({}, try(s.payload, {})))
  } }

  secrets = { for name, s in local.raw_secrets : name => {
    env         = s.env
    description = try(s.description, "")
    required    = try(s.required, true)
  } }

  dead_letter_topics = { for name, t in local.topics : name => "${name}-dead-letter" if t.dead_letter }

  # One push subscription "<function>--<topic>" per subscriber, exactly as the local launcher wires them:
  # topic triggers, and storage triggers through their bucket's notification topic.
  subscriptions = merge(
    { for fname, f in local.functions : "${fname}--${f.trigger.topic}" => {
      function = fname
      topic    = f.trigger.topic
    } if f.trigger.type == "topic" },
    { for fname, f in local.functions : "${fname}--${local.buckets[f.trigger.bucket].notification_topic}" => {
      function = fname
      topic    = local.buckets[f.trigger.bucket].notification_topic
    } if f.trigger.type == "storage" },
  )

  http_functions = { for name, f in local.functions : name => f if f.trigger.type == "http" }

  # Function -> {env var -> secret}: the required secrets it lists, and the optional ones switched on in
  # var.optional_secrets. An optional secret left off is no env var at all (so no placeholder value can
  # half-enable a feature, e.g. Gemini).
  # Indexing local.secrets makes a misspelt name in var.optional_secrets an error, not a silent no-op.
  enabled_optional = [for s in var.optional_secrets : s if !local.secrets[s].required]
  mounted_secrets = { for fname, f in local.functions : fname => {
    for s in f.secrets : local.secrets[s].env => s if local.secrets[s].required || contains(local.enabled_optional, s)
  } }

  # "<function>/<secret>" for every secret a function declares (its own accessor grant and env var).
  function_secrets = { for pair in flatten([for fname, f in local.functions : [for s in f.secrets : {
    function = fname
    secret   = s
  }]]) : "${pair.function}/${pair.secret}" => pair }
}
