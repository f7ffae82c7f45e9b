package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import com.github.dockerjava.api.DockerClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.LazyFuture;

/**
 * The container image of the Mailgun mock, built on the machine that runs the tests: no image is
 * published. It is built from the module's {@code Dockerfile} with the mock's classes and dependencies
 * taken from the test's own class path, on a base image that holds a Java runtime:
 * {@value #DEFAULT_BASE_IMAGE} (pulled from the registry the Docker engine uses) unless the system
 * property {@value #BASE_IMAGE_PROPERTY} or the environment variable {@value #BASE_IMAGE_ENVIRONMENT}
 * names another, such as a JRE from a company registry; it must have {@code java} at
 * {@code /opt/java/openjdk/bin/java} (and the {@code java.net.http} module, which posts webhooks). Images
 * are tagged by a hash of what went into them (the base image's id included) and kept, so
 * later runs reuse them: the first build on a machine takes some seconds, later ones none.
 *
 * @see MailgunMockContainer
 */
public final class MailgunMockImage {

	/** The repository of the images built here; each tag is a hash of the image's inputs. */
	public static final String REPOSITORY = "mailgun-mock";

	/** The base image with a Java runtime used unless another is configured. */
	public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

	/** The system property naming a base image with a Java runtime, instead of the default. */
	public static final String BASE_IMAGE_PROPERTY = "mailgun.mock.base-image";

	/** The environment variable naming a base image with a Java runtime, instead of the default. */
	public static final String BASE_IMAGE_ENVIRONMENT = "MAILGUN_MOCK_BASE_IMAGE";

	private static final Logger logger = LoggerFactory.getLogger(MailgunMockImage.class);

	private static @Nullable String built;

	private MailgunMockImage() {
	}

	/**
	 * Returns the name of the mock's image, building it (and its base) first when the Docker engine does
	 * not have it yet. Built once per JVM at most.
	 * @return the image name, such as {@code mailgun-mock:0123456789ab}
	 * @throws IllegalStateException when no Docker engine can be reached or no base image can be had
	 */
	public static synchronized String build() {
		String image = built;
		if (image == null) {
			image = build(DockerClientFactory.instance().client());
			built = image;
		}
		return image;
	}

	/**
	 * Returns the image name as a future that builds on first use: a container declared in a static field
	 * builds nothing until it starts, and nothing at all where Docker is missing and the test is skipped.
	 * @return the lazy image name
	 */
	static Future<String> lazy() {
		return new LazyFuture<>() {

			@Override
			protected String resolve() {
				return build();
			}

		};
	}

	private static String build(DockerClient docker) {
		String base = baseImage(System.getProperty(BASE_IMAGE_PROPERTY), System.getenv(BASE_IMAGE_ENVIRONMENT));
		byte[] dockerfile = dockerfile();
		Path work = null;
		try {
			work = Files.createTempDirectory("mailgun-mock-image");
			Map<String, Path> files = applicationFiles(work);
			List<String> inputs = new ArrayList<>(
					List.of(new String(dockerfile, StandardCharsets.UTF_8), base, Images.id(docker, base)));
			for (Map.Entry<String, Path> file : files.entrySet()) {
				inputs.add(file.getKey());
				inputs.add(sha256(file.getValue()));
			}
			String image = REPOSITORY + ":" + Images.hash(inputs);
			if (Images.exists(docker, image)) {
				return image;
			}
			logger.info("Building the Mailgun mock image {} on {} from {} class path entries", image, base,
					files.size());
			ImageFromDockerfile build = new ImageFromDockerfile(image, false)
				.withFileFromTransferable("Dockerfile", Transferable.of(dockerfile))
				.withBuildArg("BASE_IMAGE", base);
			files.forEach((name, path) -> build.withFileFromPath("app/" + name, path));
			try {
				return build.get();
			}
			catch (RuntimeException ex) {
				// Most often the base image cannot be pulled: say which one, and how to name another.
				throw new IllegalStateException("Could not build the Mailgun mock's image on the base image '" + base
						+ "'; to use another with Java 17+ at /opt/java/openjdk, set the system property "
						+ BASE_IMAGE_PROPERTY + " or the environment variable " + BASE_IMAGE_ENVIRONMENT, ex);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not build the Mailgun mock's image", ex);
		}
		finally {
			if (work != null) {
				Images.deleteRecursively(work);
			}
		}
	}

	static String baseImage(@Nullable String property, @Nullable String environment) {
		String value = (property != null && !property.isBlank()) ? property : environment;
		return (value == null || value.isBlank()) ? DEFAULT_BASE_IMAGE : value.trim();
	}

	private static byte[] dockerfile() {
		try (InputStream in = MailgunMockImage.class.getResourceAsStream("Dockerfile")) {
			if (in == null) {
				throw new IllegalStateException("The Mailgun mock's Dockerfile is missing from the class path");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The jars of the image's {@code app/} directory by name; directories of classes become jars in {@code work}. */
	private static Map<String, Path> applicationFiles(Path work) {
		Map<String, Path> files = new LinkedHashMap<>();
		Set<String> names = new HashSet<>();
		int directories = 0;
		for (Path entry : MockServerClasspath.entries()) {
			Path jar = entry;
			String name;
			if (Files.isDirectory(entry)) {
				name = "classes-" + (++directories) + ".jar";
				jar = work.resolve(name);
				MockServerClasspath.jar(entry, jar);
			}
			else {
				name = entry.getFileName().toString();
			}
			// Two jars of one name from different folders both go in.
			String unique = name;
			for (int i = 2; !names.add(unique); i++) {
				unique = i + "-" + name;
			}
			files.put(unique, jar);
		}
		return files;
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest = Images.sha256();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[65536];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
