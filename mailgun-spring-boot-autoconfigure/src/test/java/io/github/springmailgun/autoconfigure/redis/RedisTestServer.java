package io.github.springmailgun.autoconfigure.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the Redis server for tests is: {@code MAILGUN_TEST_REDIS_PORT} (or the system property
 * {@code mailgun.test.redis.port}) on loopback, 6379 when neither is set. As a JUnit condition it disables
 * the tests of an {@link EnabledIfRedisServer} class when nothing answers {@code PING} there.
 */
public final class RedisTestServer implements ExecutionCondition {

	private static final String HOST = "127.0.0.1";

	/**
	 * Returns the loopback port of the server.
	 * @return the port
	 */
	public static int port() {
		String port = System.getProperty("mailgun.test.redis.port", System.getenv("MAILGUN_TEST_REDIS_PORT"));
		return (port != null && !port.isBlank()) ? Integer.parseInt(port.trim()) : 6379;
	}

	/**
	 * Returns the host of the server.
	 * @return {@code 127.0.0.1}
	 */
	public static String host() {
		return HOST;
	}

	/**
	 * Returns a key prefix no other test uses, so that tests sharing the server cannot see each other's
	 * keys.
	 * @param test a name for the test
	 * @return the prefix, ending in a colon
	 */
	public static String uniquePrefix(String test) {
		return "mailgun-test:" + test + ":" + UUID.randomUUID() + ":";
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String answer = ping();
		if ("+PONG".equals(answer)) {
			return ConditionEvaluationResult.enabled("Redis answers PING on " + HOST + ":" + port());
		}
		return ConditionEvaluationResult.disabled("No Redis server answers PING on " + HOST + ":" + port() + " ("
				+ answer + "); start one and set MAILGUN_TEST_REDIS_PORT (CI's heavy phase does)");
	}

	private static String ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port()), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
				line.append((char) b);
			}
			return line.toString();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
