#!/usr/bin/perl
# runtime-create-client.pl SOCKET RUNC WRAPPER RUNC-ARGS...
#
# docker-unikernel-runtime's `create` of one of our images while the resident runtime helper
# (started by 'docker-unikernel runtime install' or 'helper start') listens on SOCKET: the helper adds the guest's
# devices to config.json, this script runs RUNC with the engine's arguments (its stdio is the
# container's, so runc must inherit it from here), then the helper plumbs the new container.
# Each request is NUL-ended fields (phase, runc, its arguments); each reply a status line, then
# what goes to stderr. Perl because perl-base is part of every Debian system and starts in
# milliseconds, unlike the JVM this saves.
#
# When no helper answers, or it answers 75 (its jar was rebuilt), WRAPPER runs again with
# UNIKERNEL_RUNTIME_HELPER=off and a JVM does the whole create; when the helper goes away after
# runc created the container, with =after-runc-create, and a JVM does the plumbing.
use strict;
use warnings;
use Socket qw(AF_UNIX SOCK_STREAM SHUT_WR pack_sockaddr_un);

my ($socket_path, $runc, $wrapper) = splice(@ARGV, 0, 3);
my $STALE = 75;

# The helper's (status, stderr text), or an empty list when it does not answer.
sub ask {
    my ($phase) = @_;
    socket(my $socket, AF_UNIX, SOCK_STREAM, 0) or return;
    connect($socket, pack_sockaddr_un($socket_path)) or return;
    my $request = join('', map { "$_\0" } $phase, $runc, @ARGV);
    for (my $sent = 0; $sent < length $request;) {
        my $n = syswrite($socket, $request, length($request) - $sent, $sent);
        return unless defined $n;
        $sent += $n;
    }
    shutdown($socket, SHUT_WR) or return;
    my $reply = '';
    while (1) {
        my $n = sysread($socket, my $chunk, 65536);
        return unless defined $n;
        last if $n == 0;
        $reply .= $chunk;
    }
    close $socket;
    return $reply =~ /\A(\d+)\n(.*)\z/s ? ($1, $2) : ();
}

sub fall_back {
    my ($mode) = @_;
    $ENV{UNIKERNEL_RUNTIME_HELPER} = $mode;
    exec { $wrapper } $wrapper, @ARGV;
    die "docker-unikernel-runtime: cannot run $wrapper: $!\n";
}

my ($status, $stderr) = ask('devices');
fall_back('off') if !defined $status || $status == $STALE;
print STDERR $stderr;
exit $status if $status != 0;

system { $runc } $runc, @ARGV;
if ($? == -1) {
    print STDERR "docker-unikernel-runtime: cannot run $runc: $!\n";
    exit 1;
}
exit(($? & 127) ? 128 + ($? & 127) : $? >> 8) if $? != 0;

($status, $stderr) = ask('plumb');
fall_back('after-runc-create') if !defined $status || $status == $STALE;
print STDERR $stderr;
exit $status;
