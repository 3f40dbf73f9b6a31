#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (docker-entrypoint-initdb.d): the schema owner that
# migrations use, and the service's role that may only read and write rows.
set -eu
: "${CPT_OWNER_PASSWORD:?}" "${CPT_SERVICE_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE cpt_owner LOGIN PASSWORD '${CPT_OWNER_PASSWORD}';
CREATE ROLE cpt_service LOGIN PASSWORD '${CPT_SERVICE_PASSWORD}';
CREATE DATABASE carbon_tracker OWNER cpt_owner;
SQL
