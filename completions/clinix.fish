# fish completion for clinix(1)
# Completes clinix's own verbs and the names of the programs it runs; after
# a program's name, hands over to that program's completion.

set -l progs db user audit patient
set -l cmds help version init $progs

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
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a db -d 'Migrate, back up, restore, check the database'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a user -d 'Manage users and roles'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a audit -d 'Read and verify the audit trail'
complete -c clinix -n "not __fish_seen_subcommand_from $cmds" -a patient -d 'Show patients'

complete -c clinix -n '__fish_seen_subcommand_from init' -l system -d 'The shared clinic of an installed clinix (root)'
complete -c clinix -n '__fish_seen_subcommand_from init' -l clinic-name -x -d 'Clinic name'
complete -c clinix -n '__fish_seen_subcommand_from init' -l timezone -x -d 'IANA time zone'

complete -c clinix -n "__fish_seen_subcommand_from $progs" -a '(__clinix_delegate)'
