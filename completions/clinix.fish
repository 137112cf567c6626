# fish completion for clinix(1)
# Completes clinix's own verbs and the names of the programs it runs; after
# a program's name, hands over to that program's completion.

set -l progs db user audit patient
set -l cmds help version init config $progs

# Complete the command line from the program's name on, as if it stood alone.
# fish autoloads completions only for commands on PATH, and the programs
# live in libexec/clinix, so load the program's file here if need be.
function __clinix_delegate
	set -l tokens (commandline -opc) (commandline -ct)
	for i in (seq 2 (count $tokens))
		set -l prog $tokens[$i]
		contains -- $prog db user audit patient; or continue
		if not set -q __clinix_loaded_$prog
			set -g __clinix_loaded_$prog 1
			if test -z "$(complete -c $prog)"
				for dir in $fish_complete_path
					if test -r $dir/$prog.fish
						source $dir/$prog.fish
						break
					end
				end
			end
		end
		complete -C (string join -- ' ' (string escape -- $tokens[$i..-2]) $tokens[-1])
		return
	end
end

complete -c clinix -f
complete -c clinix -n "not __fish_seen_subcommand_from $progs" -l db -r -F -d 'Use this database'
complete -c clinix -n "not __fish_seen_subcommand_from $progs" -l config -r -F -d 'Use this configuration file'
complete -c clinix -n "not __fish_seen_subcommand_from $progs" -s h -l help -d 'Print usage'
complete -c clinix -n "not __fish_seen_subcommand_from $progs" -s V -l version -d 'Print version'

complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a help -d 'List the programs'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a version -d 'Print the version'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a init -d 'Create config, key and database'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a config -d 'Set, get or list keys of clinix.yaml'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a db -d 'Migrate, back up, restore, check the database'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a user -d 'Manage users and roles'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a audit -d 'Read and verify the audit trail'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a patient -d 'Show patients'

complete -c clinix -n '__fish_seen_subcommand_from init' -l system -d 'The shared clinic of an installed clinix (root)'
complete -c clinix -n '__fish_seen_subcommand_from init' -l clinic-name -x -d 'Clinic name'
complete -c clinix -n '__fish_seen_subcommand_from init' -l timezone -x -d 'IANA time zone'
complete -c clinix -n '__fish_seen_subcommand_from init' -l phone -x -d 'clinic.phone, the number patients call'
complete -c clinix -n '__fish_seen_subcommand_from init' -l address1 -x -d 'clinic.address1'
complete -c clinix -n '__fish_seen_subcommand_from init' -l address -x -d 'clinic.address1'
complete -c clinix -n '__fish_seen_subcommand_from init' -l address2 -x -d 'clinic.address2'
complete -c clinix -n '__fish_seen_subcommand_from init' -l city -x -d 'clinic.city'
complete -c clinix -n '__fish_seen_subcommand_from init' -l state -x -d 'clinic.state'
complete -c clinix -n '__fish_seen_subcommand_from init' -l zip -x -d 'clinic.zip'
complete -c clinix -n '__fish_seen_subcommand_from init' -l country -x -d 'clinic.country, ISO 3166'
complete -c clinix -n '__fish_seen_subcommand_from init' -l npi -x -d 'clinic.npi, the group NPI'
complete -c clinix -n '__fish_seen_subcommand_from init' -l tax-id -x -d 'clinic.tax_id, the EIN'
complete -c clinix -n '__fish_seen_subcommand_from init' -l email-from -x -d 'remind.from, the sender of reminders'

complete -c clinix -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from set get list' -a 'set get list'
complete -c clinix -n '__fish_seen_subcommand_from config' -l system -d "The shared clinic's /etc/clinix/clinix.yaml"
complete -c clinix -n '__fish_seen_subcommand_from config; and __fish_seen_subcommand_from set get' -a 'clinic.name clinic.npi clinic.tax_id clinic.phone clinic.address1 clinic.address2 clinic.city clinic.state clinic.zip clinic.country clinic.timezone db key_file db_busy_timeout_ms remind.sendmail remind.sms_command remind.from remind.quiet_hours remind.sms_max_segments remind.lease_minutes remind.max_attempts remind.retry_minutes'

complete -c clinix -n "__fish_seen_subcommand_from $progs" -a '(__clinix_delegate)'
