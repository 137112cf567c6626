# bash completion for code(1), part of clinix
# Verbs, options and code systems are static; codes are not offered (there
# are a hundred thousand of them: `code search` finds them).

_clinix_code()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= opts= w i npos=0
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local systems='icd10cm hcpcs'

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
		--db|--config|-o|--output|-s|--system|-n|--limit|-l|--label)
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
	-s|--system)
		mapfile -t COMPREPLY < <(compgen -W "$systems" -- "$cur")
		return ;;
	-n|--limit|-l|--label)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'search show check
			    import' -- "$cur")
		fi
		return
	fi
	case $verb in
	search)	opts='--system --billable --all --limit' ;;
	show|check) opts='--system' ;;
	import)	opts='--label' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
		return
	fi
	case $verb:$npos in
	import:0)
		mapfile -t COMPREPLY < <(compgen -W "$systems" -- "$cur") ;;
	import:1)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	esac
}
complete -F _clinix_code code
