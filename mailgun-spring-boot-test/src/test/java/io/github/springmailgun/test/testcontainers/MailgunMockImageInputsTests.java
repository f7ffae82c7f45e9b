package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;

import io.github.springmailgun.test.MailgunMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What goes into the mock's image, checked without Docker: the class path entries the mock runs with,
 * the shared libraries named by {@code ldd}, and stable inputs, so an unchanged image is reused.
 */
class MailgunMockImageInputsTests {

	@Test
	void takesTheMockAndItsDependenciesButNotNativeOnlyJarsOrTheRest() throws Exception {
		List<Path> entries = MockServerClasspath.entries();

		Path mock = Paths.get(MailgunMockServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(entries).contains(mock);
		assertThat(entries).extracting((entry) -> entry.getFileName().toString())
			.anyMatch((name) -> name.startsWith("reactor-netty-http-"))
			.anyMatch((name) -> name.startsWith("reactor-core-"))
			.anyMatch((name) -> name.startsWith("netty-codec-http-"))
			.anyMatch((name) -> name.startsWith("jackson-databind-"))
			.anyMatch((name) -> name.startsWith("jackson-annotations-"))
			// Native libraries only (for other platforms too), and what the mock never loads.
			.noneMatch((name) -> name.contains("-osx-") || name.contains("-windows-"))
			.noneMatch((name) -> name.startsWith("spring-"))
			.noneMatch((name) -> name.startsWith("testcontainers-"))
			.noneMatch((name) -> name.startsWith("junit-"));
	}

	@Test
	void jarsADirectoryOfClassesToTheSameBytesEachTime(@TempDir Path temp) throws IOException {
		Path classes = Files.createDirectories(temp.resolve("classes/io/example"));
		Files.writeString(classes.resolve("A.class"), "a");
		Files.writeString(classes.resolve("B.class"), "b");

		MockServerClasspath.jar(temp.resolve("classes"), temp.resolve("one.jar"));
		MockServerClasspath.jar(temp.resolve("classes"), temp.resolve("two.jar"));

		assertThat(Files.readAllBytes(temp.resolve("one.jar"))).isEqualTo(Files.readAllBytes(temp.resolve("two.jar")));
		try (JarFile jar = new JarFile(temp.resolve("one.jar").toFile())) {
			assertThat(jar.stream().map((entry) -> entry.getName())).containsExactly("io/example/A.class",
					"io/example/B.class");
		}
	}

	@Test
	void buildsOnTemurinUnlessABaseImageIsNamed() {
		assertThat(MailgunMockImage.baseImage(null, null)).isEqualTo("eclipse-temurin:17-jre");
		assertThat(MailgunMockImage.baseImage(" ", "")).isEqualTo("eclipse-temurin:17-jre");
		assertThat(MailgunMockImage.baseImage(null, "mailgun-mock-jre:ci")).isEqualTo("mailgun-mock-jre:ci");
		// The system property wins over the environment.
		assertThat(MailgunMockImage.baseImage(" registry.example.com/jre:17 ", "mailgun-mock-jre:ci"))
			.isEqualTo("registry.example.com/jre:17");
	}

	@Test
	void tagsByContent() {
		assertThat(Images.hash(List.of("ab", "c"))).hasSize(12)
			.isEqualTo(Images.hash(List.of("ab", "c")))
			.isNotEqualTo(Images.hash(List.of("a", "bc")));
	}

	@Test
	void buildsItsImageOnlyWhenTheContainerStarts() {
		// Declaring a container (in a static field of a test that Docker's absence skips) touches no engine.
		assertThat(new MailgunMockContainer().getDomains()).containsExactly("mg.example.com");
		assertThatIllegalStateException().isThrownBy(() -> new MailgunMockContainer().getBaseUrl());
	}

}
