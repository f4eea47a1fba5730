<?php
// The blog's storage and page frame. Posts are files /data/posts/NNNNNN.json
// ({"title","body","time"}) on the PHP unikernel's writable data image.
declare(strict_types=1);

const POSTS_DIR = '/data/posts';
const BLOG_TITLE = 'Unikernel blog';

function h(string $s): string
{
    return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** All posts, newest first: list of ['id' => int, 'title', 'body', 'time' => int]. */
function blog_posts(): array
{
    $posts = [];
    foreach (glob(POSTS_DIR . '/*.json') ?: [] as $file) {
        $id = (int) basename($file, '.json');
        $post = blog_post($id);
        if ($post !== null) {
            $posts[] = $post;
        }
    }
    usort($posts, fn($a, $b) => $b['id'] <=> $a['id']);
    return $posts;
}

function blog_post(int $id): ?array
{
    if ($id <= 0) {
        return null;
    }
    $raw = @file_get_contents(sprintf('%s/%06d.json', POSTS_DIR, $id));
    $post = $raw === false ? null : json_decode($raw, true);
    if (!is_array($post)) {
        return null;
    }
    return [
        'id' => $id,
        'title' => (string) ($post['title'] ?? ''),
        'body' => (string) ($post['body'] ?? ''),
        'time' => (int) ($post['time'] ?? 0),
    ];
}

/** Stores a new post and returns its id. */
function blog_add(string $title, string $body): int
{
    if (!is_dir(POSTS_DIR) && !@mkdir(POSTS_DIR, 0755, true)) {
        throw new RuntimeException('cannot create ' . POSTS_DIR);
    }
    $lock = fopen(POSTS_DIR . '/.lock', 'c');
    if ($lock === false || !flock($lock, LOCK_EX)) {
        throw new RuntimeException('cannot lock ' . POSTS_DIR);
    }
    try {
        $max = 0;
        foreach (glob(POSTS_DIR . '/*.json') ?: [] as $file) {
            $max = max($max, (int) basename($file, '.json'));
        }
        $id = $max + 1;
        $json = json_encode(['title' => $title, 'body' => $body, 'time' => time()],
            JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        $tmp = sprintf('%s/.%06d.tmp', POSTS_DIR, $id);
        if (file_put_contents($tmp, $json . "\n") === false || !rename($tmp, sprintf('%s/%06d.json', POSTS_DIR, $id))) {
            throw new RuntimeException('cannot write the post');
        }
        return $id;
    } finally {
        flock($lock, LOCK_UN);
        fclose($lock);
    }
}

function blog_header(string $title): void
{
    header('Content-Type: text/html; charset=UTF-8');
    $page = $title === BLOG_TITLE ? BLOG_TITLE : $title . ' - ' . BLOG_TITLE;
    echo "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        '<title>', h($page), "</title>\n",
        "<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n",
        '<header><h1><a href="/">', h(BLOG_TITLE), '</a></h1>',
        '<nav><a href="/">Posts</a> <a href="/admin.php">Write</a></nav></header>', "\n<main>\n";
}

function blog_footer(): void
{
    echo "</main>\n<footer>Served by a PHP unikernel (", h((string) gethostname()),
        ', PHP ', h(PHP_VERSION), ") behind an nginx unikernel.</footer>\n</body>\n</html>\n";
}

function blog_date(int $time): string
{
    return gmdate('Y-m-d H:i', $time) . ' UTC';
}
