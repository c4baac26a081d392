#!/bin/sh
# The same job as github-actions.yml for any CI or a cron: apply the migrations to a scratch database,
# then bring the board up to date. Needs psql, Node 20 and these variables:
#   DATABASE_URL       a database the migrations may be applied to (it is used as is: give a scratch one)
#   MIRO_ACCESS_TOKEN  a Miro access token (boards:read, boards:write)
# The board id and everything else come from schema-to-miro.config.json in the working folder.
#
# Exit codes (see README "Exit codes"): 0 the board is current, 10 it was changed by this run (because of
# --exit-code), 2 usage, 3 database, 5 Miro token, 6 Miro (after retries, or the board busy too long).
set -eu

: "${DATABASE_URL:?set DATABASE_URL to a scratch database}"
: "${MIRO_ACCESS_TOKEN:?set MIRO_ACCESS_TOKEN}"
migrations=${MIGRATIONS:-db/migrations}

last=""
for file in $(ls "$migrations"/*.sql | grep -v '\.down\.sql$' | sort -V); do
  psql "$DATABASE_URL" --set ON_ERROR_STOP=1 --quiet --file "$file"
  last=$file
done

set +e
npx --yes schema-to-miro --exit-code --change-label "$(basename "$last")" --summary schema-to-miro-summary.md
code=$?
set -e
case $code in
  0) echo "board already current" ;;
  10) echo "board updated"; code=0 ;;
esac
exit "$code"

# Without a database server at all, schema-to-miro can load the migrations itself (embedded PostgreSQL):
#   npx schema-to-miro --sql "$migrations" --exit-code --summary schema-to-miro-summary.md
