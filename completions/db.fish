# fish completion for db(1), part of clinix
# Verbs and options are static: nothing is read from the database.

set -l verbs version migrate backup restore verify query

complete -c db -f
complete -c db -l db -r -F -d 'Use this database'
complete -c db -l config -r -F -d 'Use this configuration file'
complete -c db -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c db -s H -l header -d 'Begin TSV with a header line'
complete -c db -s h -l help -d 'Print usage'
complete -c db -s V -l version -d 'Print version'

complete -c db -n "not __fish_seen_subcommand_from $verbs" -a version -d 'Schema versions of the database and of db'
complete -c db -n "not __fish_seen_subcommand_from $verbs" -a migrate -d 'Apply pending schema migrations'
complete -c db -n "not __fish_seen_subcommand_from $verbs" -a backup -d 'Copy the database to a file'
complete -c db -n "not __fish_seen_subcommand_from $verbs" -a restore -d 'Replace the database with a backup'
complete -c db -n "not __fish_seen_subcommand_from $verbs" -a verify -d 'Check integrity and the audit chain'
complete -c db -n "not __fish_seen_subcommand_from $verbs" -a query -d 'Run one read-only SQL statement'

complete -c db -n '__fish_seen_subcommand_from backup' -l encrypt -d 'Seal with AES-256-GCM'
complete -c db -n '__fish_seen_subcommand_from backup' -l force -d 'Replace the file if it exists'
complete -c db -n '__fish_seen_subcommand_from backup restore' -l key-file -r -F -d 'Use this clinic key file'
complete -c db -n '__fish_seen_subcommand_from backup restore' -F
complete -c db -n '__fish_seen_subcommand_from query' -l timeout -x -d 'Stop the statement after this many seconds'
complete -c db -n '__fish_seen_subcommand_from query' -l max-memory -x -d 'Stop the statement past this many MB'
