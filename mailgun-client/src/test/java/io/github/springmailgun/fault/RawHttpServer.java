package io.github.springmailgun.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on a raw socket, for faults a well-behaved server cannot produce: resets
 * in the middle of a request or response, headers that never come, bodies that never end. Each
 * connection runs the next queued {@link Fault}, or the default one.
 */
final class RawHttpServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger completeRequests = new AtomicInteger();

	private volatile Fault fallback;

	RawHttpServer(Fault fallback) throws IOException {
		this(fallback, 0);
	}

	/**
	 * Starts a server whose connections have the given receive buffer, 0 for the system's: a small one
	 * keeps the kernel from taking megabytes of an upload the server does not read.
	 */
	RawHttpServer(Fault fallback, int receiveBufferSize) throws IOException {
		this.fallback = fallback;
		this.serverSocket = new ServerSocket();
		if (receiveBufferSize > 0) {
			this.serverSocket.setReceiveBufferSize(receiveBufferSize);
		}
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread acceptor = new Thread(this::acceptLoop, "raw-http-acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	RawHttpServer then(Fault fault) {
		this.script.add(fault);
		return this;
	}

	int connections() {
		return this.connections.get();
	}

	/** Requests whose body arrived whole: the ones a real Mailgun could have accepted. */
	int completeRequests() {
		return this.completeRequests.get();
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.incrementAndGet();
				this.sockets.add(socket);
				Fault fault = this.script.poll();
				Fault chosen = (fault != null) ? fault : this.fallback;
				Thread handler = new Thread(() -> handle(socket, chosen), "raw-http-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket, Fault fault) {
		try (socket) {
			fault.serve(new Exchange(socket, this.completeRequests));
		}
		catch (IOException | InterruptedException ex) {
			// The client gave up or the test ended: nothing to report.
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	/** What the server does with one connection. */
	@FunctionalInterface
	interface Fault {

		void serve(Exchange exchange) throws IOException, InterruptedException;

	}

	/** One connection, with helpers to read the request and misbehave. */
	static final class Exchange {

		private final Socket socket;

		private final AtomicInteger completeRequests;

		private long contentLength = -1;

		private boolean chunked;

		Exchange(Socket socket, AtomicInteger completeRequests) {
			this.socket = socket;
			this.completeRequests = completeRequests;
		}

		/** Reads the request line and headers. */
		void readHead() throws IOException {
			InputStream in = this.socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int state = 0;
			while (state < 4) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("closed before headers ended");
				}
				head.write(b);
				state = (b == '\r' && (state == 0 || state == 2)) ? state + 1 : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
			}
			for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					this.contentLength = Long.parseLong(line.substring(15).trim());
				}
				if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					this.chunked = true;
				}
			}
		}

		/** Reads the given number of bytes of the body, or fewer if the connection ends. */
		void readBytes(int count) throws IOException {
			this.socket.getInputStream().readNBytes(count);
		}

		/**
		 * Reads whatever is left until the client closes the connection, and says whether it did within the
		 * given time (a connection the client keeps open ends in a read timeout).
		 */
		boolean closedByClientWithin(Duration within) throws IOException {
			this.socket.setSoTimeout((int) within.toMillis());
			InputStream in = this.socket.getInputStream();
			byte[] buffer = new byte[64 * 1024];
			try {
				while (in.read(buffer) >= 0) {
					// Drains what the kernel held.
				}
				return true;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (SocketException ex) {
				// Reset by the client: closed as well.
				return true;
			}
		}

		/** Reads the whole request: head and body. */
		void readRequest() throws IOException {
			readHead();
			readBody();
		}

		/** Reads the body of a request whose head was read. */
		void readBody() throws IOException {
			InputStream in = this.socket.getInputStream();
			if (this.chunked) {
				while (true) {
					String size = readLine(in);
					int length = Integer.parseInt(size.split(";")[0].trim(), 16);
					in.readNBytes(length + 2);
					if (length == 0) {
						break;
					}
				}
			}
			else if (this.contentLength > 0) {
				in.readNBytes((int) this.contentLength);
			}
			this.completeRequests.incrementAndGet();
		}

		private static String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		void write(String text) throws IOException {
			OutputStream out = this.socket.getOutputStream();
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		void respond(int status, String contentType, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			write("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
					+ "\r\n\r\n" + body);
		}

		/** Closes with a TCP reset instead of an orderly FIN. */
		void reset() throws IOException {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}

		void sleep(long millis) throws InterruptedException {
			Thread.sleep(millis);
		}

	}

}
