# fish completion for patient(1), part of clinix
# Verbs and options are static.  Patients are never offered: their ids
# come from other programs (see clinix-records(7)), and names never.

set -l verbs show

complete -c patient -f
complete -c patient -l db -r -F -d 'Use this database'
complete -c patient -l config -r -F -d 'Use this configuration file'
complete -c patient -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c patient -s H -l header -d 'Begin TSV with a header line'
complete -c patient -s h -l help -d 'Print usage'
complete -c patient -s V -l version -d 'Print version'

complete -c patient -n "not __fish_seen_subcommand_from $verbs" -a show -d 'Show patients by pat- id or MRN'
