package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPathsTest {

    @TempDir
    Path tmp;

    private final Map<String, String> props = new HashMap<>();

    private UnaryOperator<String> props() {
        return props::get;
    }

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(tmp.resolve(relative));
    }

    private Path file(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    private Optional<Path> samples(Path codeSource, Path workingDir) {
        return AppPaths.sampleImages(props(), codeSource, workingDir);
    }

    // ---- sample images ----

    @Test
    void explicitPropertyWinsOverEverythingElse() throws IOException {
        Path explicit = dir("elsewhere/my-samples");
        Path jar = file("opt/blockscope/lib/app/blockscope.jar");
        dir("opt/blockscope/lib/app/sample-images");
        Path cwd = dir("clone");
        dir("clone/sample-images");
        props.put(AppPaths.SAMPLES_PROPERTY, explicit.toString());
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("opt/blockscope/bin/Blockscope").toString());

        assertThat(samples(jar, cwd)).contains(explicit.toAbsolutePath().normalize());
    }

    @Test
    void explicitPropertyNamingNoDirectoryGivesNothingRatherThanAGuess() throws IOException {
        Path cwd = dir("clone");
        dir("clone/sample-images");
        props.put(AppPaths.SAMPLES_PROPERTY, tmp.resolve("missing").toString());

        assertThat(samples(null, cwd)).isEmpty();
    }

    @Test
    void blankExplicitPropertyIsIgnored() throws IOException {
        Path cwd = dir("clone");
        Path inClone = dir("clone/sample-images");
        props.put(AppPaths.SAMPLES_PROPERTY, "  ");

        assertThat(samples(null, cwd)).contains(inClone.toAbsolutePath().normalize());
    }

    @Test
    void linuxInstallIsFoundFromTheJpackageLauncherPath() throws IOException {
        Path installed = dir("opt/blockscope/lib/app/sample-images");
        Path cwd = dir("home/user");
        dir("home/user/sample-images"); // a stray folder in the working directory loses
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("opt/blockscope/bin/Blockscope").toString());

        assertThat(samples(null, cwd)).contains(installed.toAbsolutePath().normalize());
    }

    @Test
    void macInstallIsFoundFromTheJpackageLauncherPath() throws IOException {
        Path installed = dir("Applications/Blockscope.app/Contents/app/sample-images");
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("Applications/Blockscope.app/Contents/MacOS/Blockscope")
                        .toString());

        assertThat(samples(null, dir("cwd")))
                .contains(installed.toAbsolutePath().normalize());
    }

    @Test
    void windowsInstallIsFoundFromTheJpackageLauncherPath() throws IOException {
        Path installed = dir("Program Files/Blockscope/app/sample-images");
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("Program Files/Blockscope/Blockscope.exe").toString());

        assertThat(samples(null, dir("cwd")))
                .contains(installed.toAbsolutePath().normalize());
    }

    @Test
    void withoutLauncherPathTheJarLocationIsUsed() throws IOException {
        Path jar = file("opt/blockscope/lib/app/blockscope.jar");
        Path installed = dir("opt/blockscope/lib/app/sample-images");
        Path cwd = dir("home/user");
        dir("home/user/sample-images");

        assertThat(samples(jar, cwd)).contains(installed.toAbsolutePath().normalize());
    }

    @Test
    void launcherPathWithoutSamplesFallsBackToTheJarLocation() throws IOException {
        Path jar = file("unpacked/blockscope.jar");
        Path nextToJar = dir("unpacked/sample-images");
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("opt/blockscope/bin/Blockscope").toString());

        assertThat(samples(jar, dir("cwd"))).contains(nextToJar.toAbsolutePath().normalize());
    }

    @Test
    void jarInACloneTargetFolderFindsTheCloneSamples() throws IOException {
        Path jar = file("clone/target/blockscope.jar");
        Path cloneSamples = dir("clone/sample-images");

        assertThat(samples(jar, dir("somewhere-else")))
                .contains(cloneSamples.toAbsolutePath().normalize());
    }

    @Test
    void classDirectoryAsCodeSourceIsHandled() throws IOException {
        Path classes = dir("clone/target/classes");
        Path cloneSamples = dir("clone/target/sample-images");

        assertThat(samples(classes, dir("cwd")))
                .contains(cloneSamples.toAbsolutePath().normalize());
    }

    @Test
    void workingDirectoryIsTheLastResort() throws IOException {
        Path jar = file("m2/blockscope.jar");
        Path cwd = dir("clone");
        Path inClone = dir("clone/sample-images");
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("opt/blockscope/bin/Blockscope").toString());

        assertThat(samples(jar, cwd)).contains(inClone.toAbsolutePath().normalize());
    }

    @Test
    void nothingFoundIsEmpty() throws IOException {
        Path jar = file("m2/blockscope.jar");
        props.put(
                AppPaths.APP_PATH_PROPERTY,
                tmp.resolve("opt/blockscope/bin/Blockscope").toString());

        assertThat(samples(jar, dir("cwd"))).isEmpty();
        assertThat(samples(null, null)).isEmpty();
    }

    @Test
    void aFileNamedSampleImagesIsNotADirectory() throws IOException {
        Path cwd = dir("cwd");
        file("cwd/sample-images");

        assertThat(samples(null, cwd)).isEmpty();
    }

    @Test
    void realSystemLookupDoesNotThrowAndFindsTheCloneWhenRunFromIt() {
        // Surefire runs in the project root, where sample-images/ is checked in.
        Optional<Path> found = AppPaths.sampleImages();
        if (Files.isDirectory(Path.of("sample-images")) && System.getProperty(AppPaths.SAMPLES_PROPERTY) == null) {
            assertThat(found).isPresent();
            assertThat(found.get()).isDirectory();
        }
    }

    @Test
    void codeSourceOfThisClassIsALocalPath() {
        assertThat(AppPaths.codeSourceOf(AppPaths.class)).isNotNull().exists();
        assertThat(AppPaths.codeSourceOf(String.class)).isNull(); // jrt:, not a file
    }

    // ---- user home ----

    @Test
    void userHomeIsDotBlockscopeUnderTheUsersHome() {
        props.put("user.home", tmp.resolve("home/ada").toString());

        assertThat(AppPaths.userHome(props()))
                .isEqualTo(tmp.resolve("home/ada/.blockscope").toAbsolutePath().normalize());
    }

    @Test
    void userHomeCanBeOverridden() {
        props.put("user.home", tmp.resolve("home/ada").toString());
        props.put(AppPaths.HOME_PROPERTY, tmp.resolve("classroom/../shared/bs").toString());

        assertThat(AppPaths.userHome(props()))
                .isEqualTo(tmp.resolve("shared/bs").toAbsolutePath().normalize());
    }

    @Test
    void blankOverrideIsIgnoredAndNothingIsCreated() {
        props.put("user.home", tmp.resolve("home/ada").toString());
        props.put(AppPaths.HOME_PROPERTY, "");

        Path home = AppPaths.userHome(props());
        assertThat(home)
                .isEqualTo(tmp.resolve("home/ada/.blockscope").toAbsolutePath().normalize());
        assertThat(home).doesNotExist();
    }

    @Test
    void realUserHomeIsUnderUserHomeUnlessOverridden() {
        if (System.getProperty(AppPaths.HOME_PROPERTY) == null) {
            assertThat(AppPaths.userHome())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".blockscope")
                            .toAbsolutePath()
                            .normalize());
        }
    }
}
