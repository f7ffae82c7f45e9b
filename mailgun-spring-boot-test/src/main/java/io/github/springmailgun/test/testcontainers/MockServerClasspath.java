package io.github.springmailgun.test.testcontainers;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.github.springmailgun.test.MailgunMockServer;
import org.jspecify.annotations.Nullable;

/**
 * Finds what {@link io.github.springmailgun.test.MailgunMockServerMain} runs with, on the test's own class
 * path: this library and the versions of Reactor Netty, Netty, Reactor and Jackson the tests use. No
 * second copy of the mock needs to be published or downloaded, and the container runs the same code as
 * an in-process {@link MailgunMockServer}.
 *
 * <p>
 * A class path entry is taken when it holds one of the marker classes or any class of the packages
 * below: Netty and Reactor Netty come in many jars, which of them a version needs varies, and jars that
 * hold only native libraries (for other platforms, too) carry no classes and are left out.
 */
final class MockServerClasspath {

	/** The packages of the mock's runtime dependencies, as jar entry prefixes. */
	private static final List<String> PACKAGES = List.of("io/netty/", "reactor/", "org/reactivestreams/",
			"tools/jackson/", "com/fasterxml/jackson/annotation/");

	/** Classes whose jars are taken whatever the class path looks like. */
	private static final List<String> MARKERS = List.of(MailgunMockServer.class.getName(),
			"reactor.netty.http.server.HttpServer", "reactor.netty.DisposableServer", "reactor.core.publisher.Mono",
			"org.reactivestreams.Publisher", "io.netty.util.concurrent.EventExecutor", "io.netty.buffer.ByteBuf",
			"io.netty.channel.Channel", "io.netty.handler.codec.http.HttpHeaders",
			"io.netty.handler.codec.ByteToMessageDecoder", "io.netty.handler.ssl.SslContext",
			"io.netty.resolver.AddressResolverGroup", "tools.jackson.databind.json.JsonMapper",
			"tools.jackson.core.JsonParser", "com.fasterxml.jackson.annotation.JsonProperty");

	/** 1980-01-01T00:00:00Z, the earliest time a zip entry holds. */
	private static final long FIXED_TIME = 315_532_800_000L;

	private MockServerClasspath() {
	}

	/**
	 * Returns the class path entries the mock needs: jars, and directories of classes (in a build of this
	 * project or an IDE).
	 * @return the entries, without duplicates
	 */
	static List<Path> entries() {
		ClassLoader loader = MockServerClasspath.class.getClassLoader();
		Set<Path> entries = new LinkedHashSet<>();
		for (String marker : MARKERS) {
			Path source = codeSource(marker, loader);
			if (source != null) {
				entries.add(source);
			}
		}
		for (Path candidate : classPath(loader)) {
			if (!entries.contains(candidate) && holdsPackages(candidate)) {
				entries.add(candidate);
			}
		}
		return List.copyOf(entries);
	}

	private static @Nullable Path codeSource(String className, @Nullable ClassLoader loader) {
		try {
			CodeSource source = Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
			return (source != null && source.getLocation() != null) ? toPath(source.getLocation().toURI()) : null;
		}
		catch (ClassNotFoundException | LinkageError | URISyntaxException | SecurityException ex) {
			return null;
		}
	}

	/** The class path as the launcher and the class loaders see it, jars' {@code Class-Path} included. */
	private static Set<Path> classPath(@Nullable ClassLoader loader) {
		Set<Path> entries = new LinkedHashSet<>();
		for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
			if (!entry.isBlank()) {
				addWithManifestClassPath(Paths.get(entry).toAbsolutePath().normalize(), entries);
			}
		}
		for (ClassLoader current = loader; current != null; current = current.getParent()) {
			if (current instanceof URLClassLoader urlLoader) {
				for (URL url : urlLoader.getURLs()) {
					try {
						Path path = toPath(url.toURI());
						if (path != null) {
							addWithManifestClassPath(path, entries);
						}
					}
					catch (URISyntaxException ex) {
						// Not a local file: nothing to copy into an image.
					}
				}
			}
		}
		return entries;
	}

	/** Adds an entry, and the entries a manifest-only jar lists (as Maven Surefire launches with). */
	private static void addWithManifestClassPath(Path entry, Set<Path> entries) {
		if (!Files.exists(entry) || !entries.add(entry) || !Files.isRegularFile(entry)) {
			return;
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			Manifest manifest = jar.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
					: null;
			if (classPath == null) {
				return;
			}
			for (String reference : classPath.trim().split("\\s+")) {
				if (reference.isEmpty()) {
					continue;
				}
				try {
					Path path = toPath(entry.toUri().resolve(reference));
					if (path != null) {
						addWithManifestClassPath(path, entries);
					}
				}
				catch (IllegalArgumentException ex) {
					// A reference that is no URI: the JVM ignores it too.
				}
			}
		}
		catch (IOException ex) {
			// Not a jar: the JVM ignores it too.
		}
	}

	private static @Nullable Path toPath(URI uri) {
		if (!"file".equals(uri.getScheme())) {
			return null;
		}
		return Paths.get(uri).toAbsolutePath().normalize();
	}

	private static boolean holdsPackages(Path entry) {
		if (Files.isDirectory(entry)) {
			return PACKAGES.stream().anyMatch((prefix) -> Files.isDirectory(entry.resolve(prefix)));
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			Enumeration<JarEntry> jarEntries = jar.entries();
			while (jarEntries.hasMoreElements()) {
				String name = jarEntries.nextElement().getName();
				if (name.endsWith(".class") && PACKAGES.stream().anyMatch(name::startsWith)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Writes a directory of classes as a jar, the same bytes for the same classes, so an image built from
	 * it is reused.
	 * @param directory the directory
	 * @param jar the jar to write
	 */
	static void jar(Path directory, Path jar) {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(directory)) {
			walk.filter(Files::isRegularFile).sorted().forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
			for (Path file : files) {
				String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
				JarEntry entry = new JarEntry(name);
				// A fixed time: the same classes give the same bytes.
				entry.setTime(FIXED_TIME);
				jarOut.putNextEntry(entry);
				Files.copy(file, jarOut);
				jarOut.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + jar, ex);
		}
	}

}
