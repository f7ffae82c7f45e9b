package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarFile;

import io.github.springmailgun.test.MailgunMockServer;
import org.junit.jupiter.api.Assumptions;
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
	void readsTheLibrariesLddFoundAndTheLoader() {
		JavaRuntimeImage.LddOutput output = JavaRuntimeImage.parseLdd("""
				\tlinux-vdso.so.1 (0x00007ffd8d5e5000)
				\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f0b7c5b0000)
				\tlibjli.so => /opt/jdk/lib/libjli.so (0x00007f0b7c590000)
				\tlibjvm.so => not found
				\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0b7c3af000)
				\t/lib64/ld-linux-x86-64.so.2 (0x00007f0b7c5d6000)
				""");

		assertThat(output.libraries()).containsExactly(Paths.get("/lib/x86_64-linux-gnu/libz.so.1"),
				Paths.get("/opt/jdk/lib/libjli.so"), Paths.get("/lib/x86_64-linux-gnu/libc.so.6"),
				Paths.get("/lib64/ld-linux-x86-64.so.2"));
		assertThat(output.missing()).containsExactly("libjvm.so");
		assertThat(JavaRuntimeImage.parseLdd("\tnot a dynamic executable\n").libraries()).isEmpty();
	}

	@Test
	void findsTheSharedLibrariesTheLauncherLoadsFromOutsideTheRuntime(@TempDir Path temp) throws IOException {
		Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "ldd is a Linux tool");
		// The launcher and its own library, laid out as in a runtime (it finds libjli.so through $ORIGIN).
		Path javaHome = Paths.get(System.getProperty("java.home"));
		Path runtime = temp.resolve("runtime");
		Files.createDirectories(runtime.resolve("bin"));
		Files.createDirectories(runtime.resolve("lib"));
		Files.copy(javaHome.resolve("bin/java"), runtime.resolve("bin/java"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.copy(javaHome.resolve("lib/libjli.so"), runtime.resolve("lib/libjli.so"),
				StandardCopyOption.COPY_ATTRIBUTES);

		assertThat(JavaRuntimeImage.sharedLibraries(runtime)).isNotEmpty()
			.allMatch(Path::isAbsolute)
			.noneMatch((library) -> library.getFileName().toString().equals("libjli.so"))
			.anyMatch((library) -> library.getFileName().toString().startsWith("libc.so"))
			.anyMatch((library) -> library.getFileName().toString().startsWith("ld-linux"));
	}

	@Test
	void namesArchitecturesAsTheEngineDoes() {
		assertThat(JavaRuntimeImage.normalizeArch("amd64")).isEqualTo("x86_64");
		assertThat(JavaRuntimeImage.normalizeArch("x86_64")).isEqualTo("x86_64");
		assertThat(JavaRuntimeImage.normalizeArch("arm64")).isEqualTo("aarch64");
		assertThat(JavaRuntimeImage.normalizeArch("aarch64")).isEqualTo("aarch64");
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
