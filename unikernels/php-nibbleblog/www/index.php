<?php
declare(strict_types=1);
require __DIR__ . '/blog.php';

$posts = blog_posts();
blog_header(BLOG_TITLE);
if (!$posts) {
    echo '<p>No posts yet. <a href="/admin.php">Write the first one.</a></p>', "\n";
}
foreach ($posts as $p) {
    $excerpt = preg_match('/^(.{200}).+/su', $p['body'], $m) ? $m[1] . '…' : $p['body'];
    echo '<article><h2><a href="/post.php?id=', $p['id'], '">', h($p['title']), '</a></h2>',
        '<p class="date">', h(blog_date($p['time'])), '</p>',
        '<p>', nl2br(h($excerpt)), "</p></article>\n";
}
blog_footer();
