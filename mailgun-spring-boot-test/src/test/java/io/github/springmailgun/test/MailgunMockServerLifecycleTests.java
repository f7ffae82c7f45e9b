package io.github.springmailgun.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starting and stopping: a loopback port, released on close.
 */
class MailgunMockServerLifecycleTests {

	@Test
	void listensOnALoopbackPortWithTheDefaults() throws IOException {
		try (MailgunMockServer mock = MailgunMockServer.start()) {
			assertThat(InetAddress.getByName(mock.baseUrl().getHost()).isLoopbackAddress()).isTrue();
			assertThat(mock.baseUrl().getScheme()).isEqualTo("http");
			assertThat(mock.baseUrl().getPath()).isEmpty();
			assertThat(mock.port()).isPositive().isEqualTo(mock.baseUrl().getPort());
			assertThat(mock.apiKey()).isEqualTo("test-api-key");
			assertThat(mock.domain()).isEqualTo("mg.example.com");
			assertThat(mock.domains()).extracting(MockDomain::name).containsExactly("mg.example.com");
			assertThat(mock.toString()).contains(mock.baseUrl().toString()).doesNotContain(mock.apiKey());
			try (Socket socket = new Socket(mock.baseUrl().getHost(), mock.port())) {
				assertThat(socket.isConnected()).isTrue();
			}
		}
	}

	@Test
	void releasesThePortOnClose() throws IOException {
		MailgunMockServer mock = MailgunMockServer.builder().apiKey("key-1").domain("mg.shop.test").start();
		int port = mock.port();
		// An open keep-alive connection must not keep the server alive.
		Socket idle = new Socket(mock.baseUrl().getHost(), port);

		mock.close();
		mock.close();

		assertThat(mock.isClosed()).isTrue();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(mock.baseUrl().getHost(), port).close());
		assertThat(isClosedByPeer(idle)).isTrue();
		idle.close();
		try (ServerSocket rebound = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
			assertThat(rebound.getLocalPort()).isEqualTo(port);
		}
	}

	/** A closed connection reads as end of stream or as a reset; one left open times out instead. */
	private static boolean isClosedByPeer(Socket socket) throws IOException {
		socket.setSoTimeout(5000);
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	@Test
	void startsOnAFixedPortAgainAfterClose() throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		for (int i = 0; i < 2; i++) {
			try (MailgunMockServer mock = MailgunMockServer.builder().port(port).start()) {
				assertThat(mock.port()).isEqualTo(port);
				assertThat(mock.baseUrl().toString()).endsWith(":" + port);
			}
		}
	}

	@Test
	void explainsAPortThatIsTaken() throws IOException {
		try (MailgunMockServer first = MailgunMockServer.start()) {
			assertThatIllegalStateException().isThrownBy(() -> MailgunMockServer.builder().port(first.port()).start())
				.withMessageContaining("Could not start the Mailgun mock on 127.0.0.1:" + first.port());
		}
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MailgunMockServer.builder().apiKey(""));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MailgunMockServer.builder().port(70000));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MailgunMockServer.builder().domain("mg.example.com/v3"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MailgunMockServer.builder().maxRequestSize(0));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> MockFault.serverError().withRetryAfterHeader());
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> MockFault.status(100, "x"));
	}

}
