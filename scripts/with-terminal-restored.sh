#!/usr/bin/env bash
# Runs a command and puts the terminal back as it was before, however the command ended. A
# program killed with SIGKILL cannot restore the terminal itself: it would leave it raw (no echo,
# no line editing, no Ctrl-C) for the shell, and the next program would save that as "original".
#   scripts/with-terminal-restored.sh COMMAND [ARG...]
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
# Not a terminal: nothing to keep.
saved=$(stty -g 2>/dev/null) || exec "$@"
"$@"
status=$?
stty "$saved"
# 137 = 128 + SIGKILL: the program had no chance to leave its full screen (alternate screen, hidden
# cursor); these are the xterm sequences Lanterna's exitPrivateMode writes.
[ "$status" -eq 137 ] && printf '\033[?1049l\033[?25h'
exit "$status"
