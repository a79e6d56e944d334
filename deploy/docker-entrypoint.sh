#!/bin/sh
# Starts the command given (the backend, or the assistant sync) after reading each NAME_FILE variable
# into NAME, so secrets can come from files: Docker and Kubernetes secrets, or the Easy!Appointments
# API token that the compose stack's init step writes (EASYAPPOINTMENTS_API_TOKEN_FILE).
set -eu

for name in $(env | sed -n 's/^\([A-Z][A-Z0-9_]*\)_FILE=.*$/\1/p'); do
  file=$(printenv "${name}_FILE")
  if [ ! -r "$file" ]; then
    echo "docker-entrypoint: ${name}_FILE is $file, which does not exist or cannot be read" >&2
    exit 1
  fi
  value=$(cat "$file")
  if [ -z "$value" ]; then
    echo "docker-entrypoint: ${name}_FILE is $file, which is empty" >&2
    exit 1
  fi
  export "$name=$value"
  unset "${name}_FILE"
done

exec "$@"
