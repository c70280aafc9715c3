package org.opencdp.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client for one connection: writes a POST, reads the status and the
 * Content-Length body. Far cheaper per request than a general client, so on a 2-core machine the
 * driver leaves the CPU to the service it measures.
 */
final class KeepAliveClient implements AutoCloseable {

  private final String host;
  private final int port;
  private final String authorization;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  KeepAliveClient(URI base, String authorization) {
    this.host = base.getHost();
    this.port = base.getPort();
    this.authorization = authorization;
  }

  /** Posts {@code body} to {@code path}; returns the status code, or -1 on a broken connection. */
  int post(String path, byte[] body) {
    try {
      if (socket == null) {
        connect();
      }
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + ":"
              + port
              + "\r\nAuthorization: "
              + authorization
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      return -1;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private int readResponse() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = 0;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
        close = true;
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        throw new IOException("chunked responses are not expected from ingest-service");
      }
    }
    in.skipNBytes(length);
    if (close) {
      close();
    }
    return code;
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // closing a broken connection
    }
    socket = null;
  }
}
