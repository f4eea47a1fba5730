<?php
declare(strict_types=1);
require __DIR__ . '/blog.php';

$post = blog_post((int) ($_GET['id'] ?? 0));
if ($post === null) {
    http_response_code(404);
    blog_header('Not found');
    echo "<p>There is no such post.</p>\n";
    blog_footer();
    exit;
}
blog_header($post['title']);
echo '<article><h2>', h($post['title']), '</h2>',
    '<p class="date">', h(blog_date($post['time'])), '</p>',
    '<div class="body">', nl2br(h($post['body'])), "</div></article>\n";
blog_footer();
