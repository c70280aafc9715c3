package org.opencdp.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Whether a local port can be had: for the refusals of {@code up} and for tests choosing ports. */
public final class Ports {

  private Ports() {}

  /** Nothing answers on the port, and it can be bound on every interface. */
  public static boolean isFree(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return false;
    } catch (IOException e) {
      // nothing answers: now make sure it could be bound too
    }
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
