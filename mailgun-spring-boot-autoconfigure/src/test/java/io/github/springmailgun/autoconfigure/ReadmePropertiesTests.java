package io.github.springmailgun.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's properties table lists exactly the properties of the generated configuration metadata,
 * so documentation and code cannot drift apart.
 */
class ReadmePropertiesTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.\\-]+)` \\|", Pattern.MULTILINE);

	@Test
	@SuppressWarnings("unchecked")
	void readmeTableMatchesTheMetadata() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		int start = readme.indexOf("\n## Properties\n");
		int end = readme.indexOf("\n## ", start + 5);
		assertThat(start).as("README has a Properties section").isPositive();
		Matcher rows = ROW.matcher(readme.substring(start, end));
		Set<String> documented = new TreeSet<>();
		while (rows.find()) {
			documented.add(rows.group(1));
		}

		Map<String, Object> metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		Set<String> declared = new TreeSet<>();
		for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
			declared.add((String) property.get("name"));
		}
		assertThat(documented).isEqualTo(declared);
	}

}
