package io.unikernel.demo.scene;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo's database and blog keep their data on named volumes: an anonymous volume goes with
 * its container, so a scene run again (key r) would start from an empty database and blog.
 */
class DemoScenesKeepDataTest {
    private static final Path DEMO = Path.of("scenes/dockercon-eu-2015.yaml");

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"unikernel/mysql, mysqldata", "unikernel/php-nibbleblog, blogdata"})
    void theGuestWithDataMountsANamedVolumeOnItsDataDirectory(String image, String volume) throws SceneFileException {
        List<RunStep> runs = SceneParser.parse(DEMO).scenes().stream().flatMap(scene -> scene.steps().stream())
                .map(SceneStep::step).filter(step -> step instanceof RunStep run && run.options().image().equals(image))
                .map(RunStep.class::cast).toList();

        assertEquals(1, runs.size(), "one run step of " + image);
        assertEquals(List.of(volume + ":/unikernel/data"), runs.get(0).options().volumes());
    }
}
