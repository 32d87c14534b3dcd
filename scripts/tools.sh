# Shell helpers shared by the repository's build and test scripts (sourced; POSIX sh).

# require_tools NAME COMMAND:PACKAGE...: exits 2 before anything is done when a COMMAND is not on
# PATH (or, given as a path, not executable), naming the Debian packages that provide the
# missing ones, as NAME: missing file (package file); install with: apt-get install file
require_tools() {
    _name=$1
    shift
    _missing=
    _packages=
    for _pair in "$@"; do
        _command=${_pair%%:*}
        _package=${_pair#*:}
        case $_command in
            /*) [ -x "$_command" ] && continue ;;
            *) command -v "$_command" >/dev/null 2>&1 && continue ;;
        esac
        _missing="$_missing, $_command ($_package)"
        case " $_packages " in
            *" $_package "*) ;;
            *) _packages="$_packages $_package" ;;
        esac
    done
    if [ -n "$_missing" ]; then
        echo "$_name: missing ${_missing#, }; install with: apt-get install$_packages" >&2
        exit 2
    fi
}

# skipped_tests DIR...: prints the Maven modules under each DIR whose surefire reports count a
# skipped test, one "module: N skipped" line each; nothing when none was skipped.
skipped_tests() {
    for _dir in "$@"; do
        for _report in "$_dir"/*/target/surefire-reports/TEST-*.xml; do
            [ -f "$_report" ] || continue
            sed -n '1,3s/.*<testsuite [^>]*skipped="\([1-9][0-9]*\)".*/\1/p' "$_report" | while read -r _count; do
                _test=${_report##*/TEST-}
                echo "${_report%%/target/*}: ${_test%.xml}: $_count skipped"
            done
        done
    done
}
