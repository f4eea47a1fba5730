package io.unikernel.demo.images;

import io.unikernel.demo.images.UnikernelDescriptor.Kind;
import io.unikernel.demo.yaml.YamlFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The descriptors, read once in Java: what the payload scripts and the guest get, and what is refused where. */
class DescriptorReaderTest {
    private static final Path UNIKERNELS = Path.of("unikernels");
    private static final String NGINX = """
            description: nginx
            packages: [nginx-light]
            binaries: [/usr/sbin/nginx]
            rc:
              - bin: /usr/sbin/nginx
                argv: [-c, /etc/nginx/nginx.conf]
            memory: 64
            """;

    @TempDir
    Path dir;

    private static UnikernelDescriptor repo(String name) throws YamlFileException {
        return DescriptorReader.read(UNIKERNELS.resolve(name).resolve("unikernel.yaml"), name);
    }

    @Test
    void everyDescriptorInTheRepositoryReads() throws Exception {
        for (String name : UnikernelImages.names(Path.of(""))) {
            assertEquals(name, repo(name).name());
        }
    }

    /** The guest configurations the former jq pipeline wrote, byte for byte: the images stay the same. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            httpd|{"env":[],"rc":[{"bin":"/httpd","argv":["-p","80"]}]}
            nginx|{"blk":[{"source":"dev","path":"/dev/vda","fstype":"iso9660","mountpoint":"/etc"}],"env":[],"rc":[{"bin":"/usr/sbin/nginx","argv":["-e","stderr","-c","/etc/nginx/nginx.conf"]}]}
            mysql|{"blk":[{"source":"dev","path":"/dev/vda","fstype":"iso9660","mountpoint":"/etc"},{"source":"dev","path":"/dev/vdb","fstype":"ext4","mountpoint":"/data"}],"env":[],"rc":[{"bin":"/usr/sbin/mariadbd","argv":["--datadir=/data/mysql","--user=mysql","--skip-name-resolve","--bind-address=0.0.0.0"]}]}
            php-nibbleblog|{"blk":[{"source":"dev","path":"/dev/vda","fstype":"iso9660","mountpoint":"/etc"},{"source":"dev","path":"/dev/vdb","fstype":"ext4","mountpoint":"/data"}],"env":["PHP_FCGI_CHILDREN=0","PHP_FCGI_MAX_REQUESTS=0"],"rc":[{"bin":"/usr/bin/php-cgi8.2","argv":["-b","0.0.0.0:8000"]}]}
            """)
    void guestConfigurationIsWhatTheImagesCarried(String name, String json) throws Exception {
        assertEquals(json + "\n", PayloadSpec.guestJson(repo(name)));
    }

    @Test
    void thePayloadScriptGetsOneValueALine() throws Exception {
        assertEquals("""
                package\tphp-cgi
                binary\t/usr/bin/php-cgi8.2
                file\t/usr/lib/php/20220829/ctype.so
                file\t/usr/lib/php/20220829/iconv.so
                file\t/usr/lib/php/20220829/opcache.so
                file\t/usr/lib/php/20220829/posix.so
                file\t/usr/lib/php/20220829/sockets.so
                file\t/usr/lib/php/20220829/tokenizer.so
                file\t/usr/share/zoneinfo/UTC
                content\twww\t/srv/www\tnibbleblog\tcontent
                data\t16
                data-seed\tseed
                """, PayloadSpec.lines(repo("php-nibbleblog")));
        assertEquals("user\tmysql\ndir\t/run/mysqld\tmysql\t0755\n",
                PayloadSpec.lines(repo("mysql")).replaceAll("(?m)^(package|binary|file|data[-a-z]*)\t.*\n", ""));
    }

    @Test
    void ourOwnUnikernelNamesItsAppAndContent() throws Exception {
        UnikernelDescriptor httpd = repo("httpd");
        assertEquals(Kind.UNIKERNEL, httpd.kind());
        assertEquals(Optional.of("httpd"), httpd.app());
        assertEquals("app\thttpd\ncontent\twww\t/\n", PayloadSpec.lines(httpd));
    }

    @Test
    void defaultsFillWhatIsLeftOut() throws Exception {
        UnikernelDescriptor d = read(NGINX + "dirs:\n  - {path: /var/log/nginx}\n");
        assertEquals(Kind.LINUX, d.kind());
        assertEquals(List.of(new UnikernelDescriptor.Dir("/var/log/nginx", "root", "0755")), d.dirs());
        assertEquals(List.of(), d.env());
        assertEquals(Optional.empty(), d.data());
        assertEquals(false, d.volume());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            colour: red|8:1: unknown key "colour"; expected one of description, kind, app, packages, binaries, files, content, dirs, users, rc, env, memory, ports, data, volume
            kind: windows|8:7: kind: found "windows"; expected linux (an application on our minimal Linux) or unikernel (one of guest/unikernel/apps)
            app: httpd|8:1: app: only with kind: unikernel; expected no app: for kind: linux
            files: [usr/lib/x.so]|8:9: files item: found "usr/lib/x.so"; expected an absolute path (starting with /)
            env: [DEBUG]|8:7: env item: found "DEBUG"; expected NAME=VALUE
            ports: [80, http]|8:13: ports item: found "http"; expected a whole number from 1 to 65535
            volume: true|8:9: volume: true without data; expected data: as well (the volume holds the data image)
            data: {size: 8, seed: s, seed-command: s.sh}|8:26: data: both seed and seed-command; expected one of them
            content: [{from: www, to: /srv, persist: p}]|8:33: persist: without zip; expected persist: only with zip: (it moves part of the zip's tree)
            dirs: [{path: /run/x, mode: rwx}]|8:29: mode: found "rwx"; expected octal digits in quotes, such as '0755'
            users: ["a\\tb"]|8:9: users item: found "a	b"; expected text without tabs or line breaks
            memory: 8|8:1: duplicate key "memory" (first on line 7); expected each key once in a mapping
            'rc: [{bin: nginx}]'|8:1: duplicate key "rc" (first on line 4); expected each key once in a mapping
            'description: [a'|9:1: expected ',' or ']', but got <stream end> (while parsing a flow sequence); expected valid YAML
            """)
    void aBadDescriptorIsRefusedWithItsPlace(String extra, String where) throws Exception {
        Path file = write(NGINX + extra + "\n");
        YamlFileException e = assertThrows(YamlFileException.class, () -> DescriptorReader.read(file, "x"));
        assertEquals(file + ":" + where, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'memory: 8'|1:9: memory: found "8"; expected a whole number from 16 to 65536
            'rc: []'|1:5: rc: found an empty list; expected at least one program
            'rc: [{bin: nginx}]'|1:12: bin: found "nginx"; expected an absolute path (starting with /)
            'binaries: []'|1:11: binaries: none; expected binaries: at least one absolute path
            """)
    void aBadValueIsRefusedAtIt(String line, String where) throws Exception {
        String key = line.substring(0, line.indexOf(':'));
        String rest = NGINX.lines().filter(l -> !l.startsWith(key + ":"))
                .filter(l -> !(key.equals("rc") && l.startsWith("  "))).reduce("", (a, b) -> a + b + "\n");
        Path file = write(line + "\n" + rest);
        YamlFileException e = assertThrows(YamlFileException.class, () -> DescriptorReader.read(file, "x"));
        assertEquals(file + ":" + where, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            packages: [x]|6:1: kind: unikernel has no Linux to put packages in; expected only description, kind, app, content, rc, env, memory and ports
            data: {size: 8}|6:1: kind: unikernel has no Linux to put data in; expected only description, kind, app, content, rc, env, memory and ports
            """)
    void ourOwnUnikernelHasNoLinuxToFill(String extra, String where) throws Exception {
        Path file = write(ownUnikernel("/httpd") + extra + "\n");
        YamlFileException e = assertThrows(YamlFileException.class, () -> DescriptorReader.read(file, "x"));
        assertEquals(file + ":" + where, e.getMessage());
    }

    @Test
    void ourOwnUnikernelRunsOnlyItsApp() throws Exception {
        Path file = write(ownUnikernel("/nginx"));
        YamlFileException e = assertThrows(YamlFileException.class, () -> DescriptorReader.read(file, "x"));
        assertEquals(file + ":4:3: rc[0].bin is /nginx, but this unikernel runs only httpd; expected bin: /httpd",
                e.getMessage());
    }

    @Test
    void anEmptyFileOrAMissingOneSaysSo() throws Exception {
        Path empty = write("");
        assertEquals(empty + ":1:1: the file is empty; expected a mapping with binaries:, rc: and memory:",
                assertThrows(YamlFileException.class, () -> DescriptorReader.read(empty, "x")).getMessage());
        Path missing = dir.resolve("nothing.yaml");
        assertEquals("cannot read " + missing + ": No such file",
                assertThrows(YamlFileException.class, () -> DescriptorReader.read(missing, "x")).getMessage());
    }

    private static String ownUnikernel(String bin) {
        return """
                kind: unikernel
                app: httpd
                rc:
                  - bin: %s
                memory: 32
                """.formatted(bin);
    }

    private UnikernelDescriptor read(String text) throws Exception {
        return DescriptorReader.read(write(text), "x");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("unikernel.yaml"), text);
    }
}
