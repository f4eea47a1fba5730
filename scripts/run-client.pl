#!/usr/bin/perl
# run-client.pl SOCKET WRAPPER RUN-ARGS...
#
# A detached `docker-unikernel run` while the resident helper ('docker-unikernel helper start')
# listens on SOCKET: the helper does the run in its JVM, already up and warm, and this script
# prints what the run printed and exits with its status. The request is NUL-ended fields (the
# count of environment entries, the entries, the count of run's arguments, the arguments); the
# reply is the status and the byte count of stdout, each on a line, then stdout, then stderr.
# Perl because perl-base is part of every Debian system and starts in milliseconds, unlike the
# JVM this saves.
#
# When no helper answers, or it answers 75 (an attached run, a different environment, a rebuilt
# jar), WRAPPER runs again with UNIKERNEL_RUN_HELPER=off and a JVM does the run. Ctrl-C (or
# SIGTERM, SIGHUP) ends our side of the socket: the helper undoes the run and says so.
use strict;

# The constants by hand, not from Socket.pm, Errno.pm or constant.pm: loading those takes 20 ms,
# five times what the rest of this script needs. The values are Linux's, on every architecture
# Debian has:
my $AF_UNIX = 1;           # <bits/socket.h>
my $SOCK_STREAM = 1;       # <bits/socket_type.h>
my $SHUT_WR = 1;           # <sys/socket.h>
my $EINTR = 4;             # <asm-generic/errno-base.h>
my $DO_IT_YOURSELF = 75;   # RunService.DO_IT_YOURSELF, EX_TEMPFAIL from <sysexits.h>

my ($socket_path, $wrapper) = splice(@ARGV, 0, 2);

sub fall_back {
    $ENV{UNIKERNEL_RUN_HELPER} = 'off';
    exec { $wrapper } $wrapper, 'run', @ARGV;
    die "docker-unikernel: cannot run $wrapper: $!\n";
}

socket(my $socket, $AF_UNIX, $SOCK_STREAM, 0) or fall_back();
# struct sockaddr_un: the family, then the path, NUL-ended (<sys/un.h>).
connect($socket, pack('S', $AF_UNIX) . $socket_path . "\0") or fall_back();
my @environment = map { "$_=$ENV{$_}" } sort keys %ENV;
my $request = join('', map { "$_\0" } scalar(@environment), @environment, scalar(@ARGV), @ARGV);
for (my $sent = 0; $sent < length $request;) {
    my $n = syswrite($socket, $request, length($request) - $sent, $sent);
    fall_back() unless defined $n;
    $sent += $n;
}

# From here on the run may be under way: an interrupt asks the helper to undo it, and we wait for its word.
my $interrupt = sub { shutdown($socket, $SHUT_WR) };
local $SIG{INT} = $interrupt;
local $SIG{TERM} = $interrupt;
local $SIG{HUP} = $interrupt;
my $reply = '';
while (1) {
    my $n = sysread($socket, my $chunk, 65536);
    if (!defined $n) {
        next if $! + 0 == $EINTR;
        last;
    }
    last if $n == 0;
    $reply .= $chunk;
}
close $socket;
if ($reply !~ /\A(\d+)\n(\d+)\n/) {
    print STDERR "docker-unikernel: the helper ended without an answer (its log: /var/log/docker-unikernel/helper.log);"
        . " see 'docker-unikernel ps' for what the run left\n";
    exit 1;
}
my ($status, $out_length) = ($1, $2);
fall_back() if $status == $DO_IT_YOURSELF;
my $body = substr($reply, length($&));
print STDOUT substr($body, 0, $out_length);
print STDERR substr($body, $out_length);
exit $status;
