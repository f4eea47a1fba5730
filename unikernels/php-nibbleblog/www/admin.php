<?php
declare(strict_types=1);
require __DIR__ . '/blog.php';

$title = '';
$body = '';
$error = '';
if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST') {
    $title = trim((string) ($_POST['title'] ?? ''));
    $body = trim((string) ($_POST['body'] ?? ''));
    if ($title === '' || $body === '') {
        $error = 'A post needs a title and a body.';
    } elseif (preg_match('/^.{201}/su', $title) || strlen($body) > 100000) {
        $error = 'The post is too long.';
    } else {
        try {
            $id = blog_add($title, $body);
            header('Location: /post.php?id=' . $id, true, 303);
            exit;
        } catch (RuntimeException $e) {
            http_response_code(500);
            $error = 'Could not save the post: ' . $e->getMessage();
        }
    }
    if (http_response_code() === 200) {
        http_response_code(400);
    }
}
blog_header('Write a post');
if ($error !== '') {
    echo '<p class="error">', h($error), "</p>\n";
}
?>
<form method="post" action="/admin.php">
<p><label>Title<br><input type="text" name="title" maxlength="200" value="<?= h($title) ?>" required></label></p>
<p><label>Text<br><textarea name="body" rows="12" required><?= h($body) ?></textarea></label></p>
<p><button type="submit">Publish</button></p>
</form>
<?php
blog_footer();
