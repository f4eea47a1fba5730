<?php
// Served by the php unikernel (php-cgi over FastCGI), reached by nginx by name.
header('Content-Type: text/html; charset=UTF-8');
$h = fn($s) => htmlspecialchars((string) $s, ENT_QUOTES, 'UTF-8');
$client = $_SERVER['REMOTE_ADDR'] ?? 'unknown';
$via = $_SERVER['SERVER_SOFTWARE'] ?? 'unknown';
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hello from a PHP unikernel</title>
<style>
body { font-family: sans-serif; max-width: 40em; margin: 3em auto; color: #222; }
h1 { color: #0db7ed; }
td { padding: .2em 1em .2em 0; }
code { background: #f3f3f3; padding: 0 .3em; }
</style>
</head>
<body>
<h1>Hello from a PHP unikernel</h1>
<p>This page was rendered by <code>php-cgi <?= $h(PHP_VERSION) ?></code> running alone in its
own virtual machine, reached over FastCGI by an nginx unikernel that found it by name.</p>
<table>
<tr><td>Your address</td><td><code><?= $h($client) ?></code></td></tr>
<tr><td>Time (UTC)</td><td><code><?= $h(gmdate('Y-m-d H:i:s')) ?></code></td></tr>
<tr><td>PHP host</td><td><code><?= $h(gethostname()) ?></code></td></tr>
<tr><td>Web server</td><td><code><?= $h($via) ?></code></td></tr>
</table>
<p><a href="/phpinfo.php">phpinfo()</a></p>
</body>
</html>
