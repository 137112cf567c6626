# bash completion for audit(1), part of clinix
# Verbs and options are static: nothing is read from the database, so no
# patient is ever offered.

_clinix_audit()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= opts= w i
	local globals='--db --config -o --output -H --header -h --help -V --version'

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its argument.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db|--config|-o|--output|--patient|--user|--action|--from|--to|--limit|--reason)
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++)) ;;
		-*|=) ;;
		*) verb=$w; break ;;
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
	--user)
		mapfile -t COMPREPLY < <(compgen -u -- "$cur")
		return ;;
	--patient|--action|--from|--to|--limit|--reason)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'list verify anchor' -- "$cur")
		fi
		return
	fi
	[[ $verb == list ]] && opts='--patient --user --action --from --to
	    --denied --limit'
	[[ $verb == anchor ]] && opts='--reason'
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
	fi
}
complete -F _clinix_audit audit
