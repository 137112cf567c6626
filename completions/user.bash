# bash completion for user(1), part of clinix
# Verbs, options and roles are static; logins are offered from the Unix
# accounts (compgen -u), never from the database.

_clinix_user()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= opts= w i npos=0
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local roles='admin provider nurse frontdesk billing'

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its
	# argument; count the words after it that are neither, too.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db|--config|-o|--output|--role|--name)
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++)) ;;
		-*|=) ;;
		*) if [[ -z $verb ]]; then verb=$w; else ((npos++)); fi ;;
		esac
	done

	case $prev in
	--db|--config)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	-o|--output)
		mapfile -t COMPREPLY < <(compgen -W 'table tsv csv json' -- "$cur")
		return ;;
	--role)
		mapfile -t COMPREPLY < <(compgen -W "$roles" -- "$cur")
		return ;;
	--name)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'add list set-role
			    disable enable import' -- "$cur")
		fi
		return
	fi
	case $verb in
	add)	opts='--role --name' ;;
	import)	opts='--keep-going' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
		return
	fi
	case $verb:$npos in
	add:0|set-role:0|disable:0|enable:0)
		mapfile -t COMPREPLY < <(compgen -u -- "$cur") ;;
	set-role:1)
		mapfile -t COMPREPLY < <(compgen -W "$roles" -- "$cur") ;;
	import:0)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	esac
}
complete -F _clinix_user user
