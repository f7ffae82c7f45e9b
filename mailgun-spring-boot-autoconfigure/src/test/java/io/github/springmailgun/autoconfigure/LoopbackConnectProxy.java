package io.github.springmailgun.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A forward proxy on loopback: it answers {@code CONNECT host:port} with 200 and pipes the bytes both ways.
 * It resolves only the one host name it is given (to loopback), so a client reaches that name only through
 * it. It counts its tunnels and records every byte it saw, requests' heads included.
 */
final class LoopbackConnectProxy implements Closeable {

	private final String resolvedHost;

	private final ServerSocket serverSocket;

	private final AtomicInteger tunnels = new AtomicInteger();

	private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/**
	 * Starts a proxy that resolves {@code resolvedHost} to the loopback address, and no other name.
	 */
	LoopbackConnectProxy(String resolvedHost) throws IOException {
		this.resolvedHost = resolvedHost;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "connect-proxy-" + this.serverSocket.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** How many CONNECT requests were answered with 200. */
	int tunnels() {
		return this.tunnels.get();
	}

	/** Every byte the proxy read or wrote on behalf of its clients, as ISO-8859-1 text. */
	String seen() {
		synchronized (this.seen) {
			return this.seen.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket client = this.serverSocket.accept();
				this.sockets.add(client);
				start(() -> tunnel(client));
			}
			catch (IOException ex) {
				return; // closed
			}
		}
	}

	private void tunnel(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			String head = readHead(in);
			String[] requestLine = head.split("\r\n", 2)[0].split(" ");
			int colon = requestLine.length > 1 ? requestLine[1].lastIndexOf(':') : -1;
			if (!"CONNECT".equals(requestLine[0]) || colon < 0
					|| !requestLine[1].substring(0, colon).equalsIgnoreCase(this.resolvedHost)) {
				out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				client.close();
				return;
			}
			Socket target = new Socket(InetAddress.getLoopbackAddress(),
					Integer.parseInt(requestLine[1].substring(colon + 1)));
			this.sockets.add(target);
			this.tunnels.incrementAndGet();
			out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			start(() -> pipe(target, client));
			pipe(client, target);
		}
		catch (IOException ex) {
			close(client);
		}
	}

	private String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			record(new byte[] { (byte) b }, 1);
			if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				break;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				record(buffer, read);
				out.write(buffer, 0, read);
				out.flush();
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			close(from);
			close(to);
		}
	}

	private void record(byte[] bytes, int length) {
		synchronized (this.seen) {
			this.seen.write(bytes, 0, length);
		}
	}

	private static void start(Runnable task) {
		Thread thread = new Thread(task, "connect-proxy-tunnel");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.sockets.forEach(LoopbackConnectProxy::close);
	}

}
