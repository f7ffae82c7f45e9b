package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small helpers for the images the mock builds: whether the engine has one, and tags derived from what
 * went into an image, so a changed input gives a new tag and an unchanged one reuses the image.
 */
final class Images {

	private static final Logger logger = LoggerFactory.getLogger(Images.class);

	private Images() {
	}

	static boolean exists(DockerClient docker, String image) {
		try {
			docker.inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/**
	 * Returns the id of an image the engine has, so that an image rebuilt under the same name (a base
	 * built by {@code .ci/build-jre-image.sh}, say) gives the images built on it a new tag.
	 * @param docker the engine
	 * @param image the image name
	 * @return the id, empty when the engine does not have the image (yet: it is pulled by the build)
	 */
	static String id(DockerClient docker, String image) {
		try {
			String id = docker.inspectImageCmd(image).exec().getId();
			return (id != null) ? id : "";
		}
		catch (NotFoundException ex) {
			return "";
		}
	}

	/**
	 * Returns the first 12 hex digits of the SHA-256 of the parts.
	 * @param parts the inputs, in a stable order
	 * @return the hash, fit for an image tag
	 */
	static String hash(List<String> parts) {
		MessageDigest digest = sha256();
		for (String part : parts) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			// Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
			digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) ':');
			digest.update(bytes);
		}
		return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** Deletes a build's working folder; a file left behind is logged, not thrown. */
	static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", root, ex);
		}
	}

}
