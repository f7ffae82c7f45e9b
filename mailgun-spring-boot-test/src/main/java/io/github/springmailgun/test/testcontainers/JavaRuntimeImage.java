package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A base image holding a Java runtime assembled from the JVM that runs the tests, for machines where no
 * registry can be reached (so no {@code eclipse-temurin} image can be pulled). The runtime is linked
 * with {@code jlink} to the few modules the mock needs (or, where {@code jlink} cannot link, copied whole),
 * the shared libraries it needs are found with {@code ldd} and copied beside it, and the lot is built
 * {@code FROM scratch}. It works where the tests run on Linux on the engine's own architecture; elsewhere
 * {@link MailgunMockImage#BASE_IMAGE_PROPERTY} names a base image instead.
 */
final class JavaRuntimeImage {

	/** The repository of the assembled base images. */
	static final String REPOSITORY = "mailgun-mock-jre";

	/** Where the runtime lives in the image: where {@code eclipse-temurin} images keep theirs. */
	static final String JAVA_HOME = "opt/java/openjdk";

	/** Raised whenever what is assembled changes, so an image assembled the old way is not reused. */
	private static final int LAYOUT_VERSION = 1;

	/**
	 * What the mock's dependencies use: Netty needs {@code jdk.unsupported}, Reactor and Netty log through
	 * {@code java.logging}, Reactor Netty reads {@code java.management}, Jackson may touch {@code java.sql}.
	 */
	private static final List<String> MODULES = List.of("java.base", "java.logging", "java.management",
			"java.naming", "java.sql", "jdk.unsupported");

	/** A line of {@code ldd}: {@code libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)}. */
	private static final Pattern RESOLVED = Pattern.compile("=>\\s*(/\\S+)\\s+\\(0x");

	/** The loader itself: {@code /lib64/ld-linux-x86-64.so.2 (0x...)}. */
	private static final Pattern INTERPRETER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x");

	private static final Logger logger = LoggerFactory.getLogger(JavaRuntimeImage.class);

	private JavaRuntimeImage() {
	}

	/**
	 * Returns the base image of this JVM, assembling it when the engine does not have it yet.
	 * @param docker the engine
	 * @return the image name
	 */
	static String obtain(DockerClient docker) {
		String javaHome = System.getProperty("java.home");
		String tag = Runtime.version().feature() + "-" + Images.hash(List.of(javaHome,
				System.getProperty("java.vm.version"), System.getProperty("os.arch"), String.join(",", MODULES),
				Integer.toString(LAYOUT_VERSION)));
		String image = REPOSITORY + ":" + tag;
		if (Images.exists(docker, image)) {
			return image;
		}
		checkPlatform(DockerClientFactory.instance().getInfo());
		logger.info("Assembling the base image {} from the Java runtime at {}", image, javaHome);
		Path work = null;
		try {
			work = Files.createTempDirectory("mailgun-mock-jre");
			Path rootFs = work.resolve("rootfs");
			Path runtime = rootFs.resolve(JAVA_HOME);
			Files.createDirectories(runtime.getParent());
			linkRuntime(Paths.get(javaHome), runtime);
			for (Path library : sharedLibraries(runtime)) {
				Path target = rootFs.resolve(library.toString().substring(1));
				Files.createDirectories(target.getParent());
				// By content: the paths ldd names are often links, and the loader looks for these names.
				Files.copy(library, target, StandardCopyOption.COPY_ATTRIBUTES);
			}
			new ImageFromDockerfile(image, false)
				.withFileFromString("Dockerfile", "FROM scratch\nCOPY rootfs/ /\n")
				.withFileFromPath("rootfs", rootFs)
				.get();
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not assemble the Mailgun mock's base image " + image, ex);
		}
		finally {
			if (work != null) {
				deleteRecursively(work);
			}
		}
	}

	private static void checkPlatform(Info engine) {
		String os = System.getProperty("os.name", "");
		String arch = normalizeArch(System.getProperty("os.arch", ""));
		String engineArch = normalizeArch(String.valueOf(engine.getArchitecture()));
		if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !arch.equals(engineArch)) {
			throw new IllegalStateException("The Mailgun mock's image needs a Java runtime for linux/" + engineArch
					+ ", and this JVM runs on " + os + "/" + arch + ". Set the system property "
					+ MailgunMockImage.BASE_IMAGE_PROPERTY + " (or the environment variable "
					+ MailgunMockImage.BASE_IMAGE_ENVIRONMENT + ") to an image with Java 17 or later at /"
					+ JAVA_HOME + ", such as eclipse-temurin:17-jre");
		}
	}

	static String normalizeArch(String arch) {
		String value = arch.toLowerCase(Locale.ROOT);
		return switch (value) {
			case "amd64", "x86-64" -> "x86_64";
			case "arm64" -> "aarch64";
			default -> value;
		};
	}

	/** Links the modules into {@code target}, or copies the whole runtime where {@code jlink} cannot. */
	private static void linkRuntime(Path javaHome, Path target) throws IOException {
		Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
		if (jlink.isPresent()) {
			List<String> modules = MODULES.stream()
				.filter((name) -> ModuleFinder.ofSystem().find(name).isPresent())
				.toList();
			StringWriter output = new StringWriter();
			PrintWriter writer = new PrintWriter(output);
			int status = jlink.get()
				.run(writer, writer, "--add-modules", String.join(",", modules), "--output", target.toString(),
						"--strip-debug", "--no-man-pages", "--no-header-files");
			if (status == 0) {
				return;
			}
			// A runtime without jmods (a JRE, or a JDK not built to link from itself) cannot be linked.
			logger.info("jlink could not link the runtime ({}); copying {} whole", output.toString().trim(), javaHome);
			deleteRecursively(target);
		}
		copyRuntime(javaHome, target);
	}

	private static void copyRuntime(Path javaHome, Path target) throws IOException {
		Set<String> skipped = Set.of("jmods", "include", "man", "demo", "src.zip");
		// Following links: distributions link files of the runtime to /etc, which the image lacks.
		try (Stream<Path> files = Files.walk(javaHome, FileVisitOption.FOLLOW_LINKS)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path relative = javaHome.relativize(file);
				if (relative.getNameCount() > 0 && skipped.contains(relative.getName(0).toString())) {
					continue;
				}
				Path copy = target.resolve(relative.toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else if (Files.isRegularFile(file)) {
					Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	/** The shared libraries outside the runtime that its executables and libraries load. */
	static Set<Path> sharedLibraries(Path runtime) throws IOException {
		Set<Path> libraries = new LinkedHashSet<>();
		List<Path> binaries = new ArrayList<>();
		try (Stream<Path> files = Files.walk(runtime)) {
			files.filter(Files::isRegularFile).filter(JavaRuntimeImage::isElf).forEach(binaries::add);
		}
		Set<String> ownNames = new LinkedHashSet<>();
		binaries.forEach((binary) -> ownNames.add(binary.getFileName().toString()));
		Path realRuntime = runtime.toRealPath();
		Set<String> missing = new LinkedHashSet<>();
		for (Path binary : binaries) {
			LddOutput output = parseLdd(ldd(binary));
			for (Path library : output.libraries()) {
				if (!library.toRealPath().startsWith(realRuntime)) {
					libraries.add(library);
				}
			}
			// Libraries of the runtime itself (libjvm.so) that ldd cannot place: the JVM loads them first.
			output.missing().stream().filter((name) -> !ownNames.contains(name)).forEach(missing::add);
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The Java runtime needs libraries that ldd cannot find: " + missing);
		}
		// glibc loads libgcc_s on its own (dlopen, so ldd does not list it) to unwind a cancelled thread.
		libraries.stream()
			.filter((library) -> library.getFileName().toString().startsWith("libc.so"))
			.map((libc) -> libc.resolveSibling("libgcc_s.so.1"))
			.filter(Files::isRegularFile)
			.findFirst()
			.ifPresent(libraries::add);
		return libraries;
	}

	static LddOutput parseLdd(String output) {
		List<Path> libraries = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (String line : output.split("\n")) {
			int notFound = line.indexOf("=> not found");
			if (notFound >= 0) {
				missing.add(line.substring(0, notFound).trim());
				continue;
			}
			Matcher matcher = RESOLVED.matcher(line);
			if (matcher.find()) {
				libraries.add(Paths.get(matcher.group(1)));
				continue;
			}
			matcher = INTERPRETER.matcher(line);
			if (matcher.find()) {
				libraries.add(Paths.get(matcher.group(1)));
			}
		}
		return new LddOutput(libraries, missing);
	}

	/**
	 * What {@code ldd} said about one binary.
	 * @param libraries the paths of the libraries it found
	 * @param missing the names of those it did not find
	 */
	record LddOutput(List<Path> libraries, List<String> missing) {
	}

	private static String ldd(Path binary) throws IOException {
		Process process = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
		try (InputStream in = process.getInputStream()) {
			String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("ldd " + binary + " did not finish");
			}
			// A static executable makes ldd fail, which is fine: it needs nothing.
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running ldd " + binary, ex);
		}
	}

	private static boolean isElf(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] magic = in.readNBytes(4);
			return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
		}
		catch (IOException ex) {
			return false;
		}
	}

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
