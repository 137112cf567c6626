# bash completion for provider(1), part of clinix
# Verbs, options, kinds and weekdays are static; providers are offered as
# the prv- ids `provider list` prints (providers are not patient data),
# visit types and resources to retire or restore as the vt- and res- ids
# their lists print (names may hold spaces), logins from the Unix
# accounts (compgen -u).

_clinix_provider_ids()
{
	provider list -o tsv 2>/dev/null | cut -f 1
}

# The ids of `provider visit-type|resource list` whose active column is $2:
# retire offers the active ones, restore the retired.
_clinix_provider_named()
{
	provider "$1" list -o tsv 2>/dev/null |
	    awk -F '\t' -v a="$2" '$4 == a { print $1 }'
}

_clinix_provider()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= verb= sub= opts= w i npos=0
	local globals='--db --config -o --output -H --header -h --help -V --version'
	local days='mon tue wed thu fri sat sun mon-fri mon-sat sat-sun'

	COMPREPLY=()
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# COMP_WORDBREAKS splits --opt=value into "--opt" "=" "value".
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# The verb is the first word that is neither an option nor its
	# argument; visit-type and resource take one more word (add, list,
	# retire, restore).
	# Count the words after those that are neither, too.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db|--config|-o|--output|--name|-n|--npi|--taxonomy|\
		--credential|--login|--to|-t|--reason|-r|--kind|-k)
			[[ ${COMP_WORDS[i+1]} == = ]] && ((i++))
			((i++)) ;;
		-*|=) ;;
		*)
			if [[ -z $verb ]]; then
				verb=$w
			elif [[ -z $sub && ($verb == visit-type ||
			    $verb == resource) ]]; then
				sub=$w
			else
				((npos++))
			fi ;;
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
	--login)
		mapfile -t COMPREPLY < <(compgen -u -- "$cur")
		return ;;
	--kind|-k)
		mapfile -t COMPREPLY < <(compgen -W 'room device' -- "$cur")
		return ;;
	--to|-t)
		mapfile -t COMPREPLY < <(compgen -W 'today tomorrow' -- "$cur")
		return ;;
	--name|-n|--npi|--taxonomy|--credential|--reason|-r)
		return ;;
	esac

	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W 'add list show edit
			    deactivate activate hours off visit-type resource
			    clinic' \
			    -- "$cur")
		fi
		return
	fi
	if [[ ($verb == visit-type || $verb == resource) && -z $sub ]]; then
		[[ $cur == -* ]] ||
		    mapfile -t COMPREPLY < <(compgen -W 'add list retire
			restore' -- "$cur")
		return
	fi
	case $verb in
	add)	opts='--name --npi --taxonomy --credential --login' ;;
	edit)	opts='--name --npi --taxonomy --credential --login' ;;
	off)	opts='--to --reason --remove' ;;
	resource) [[ $sub == add ]] && opts='--kind' ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts $globals" -- "$cur")
		return
	fi
	case $verb:$npos in
	show:*|deactivate:*|activate:*|edit:0|hours:0|off:0)
		mapfile -t COMPREPLY < <(compgen -W "$(_clinix_provider_ids)" \
		    -- "$cur") ;;
	hours:1)
		mapfile -t COMPREPLY < <(compgen -W "$days" -- "$cur") ;;
	hours:2)
		mapfile -t COMPREPLY < <(compgen -W 'off' -- "$cur") ;;
	off:1)
		mapfile -t COMPREPLY < <(compgen -W 'today tomorrow' -- "$cur") ;;
	visit-type:0|resource:0)
		case $sub in
		retire)	w=yes ;;
		restore) w=no ;;
		*)	return ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W \
		    "$(_clinix_provider_named "$verb" "$w")" -- "$cur") ;;
	esac
}
complete -F _clinix_provider provider
