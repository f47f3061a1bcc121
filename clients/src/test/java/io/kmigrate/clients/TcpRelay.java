package io.kmigrate.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to the API on its own port, which a test can take down (every connection
 * closed, and new ones closed as soon as they are accepted: the API is unreachable) and bring back.
 * The port stays bound throughout, so nothing else can take it meanwhile.
 */
final class TcpRelay implements AutoCloseable {
  private final int target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private volatile boolean down;

  TcpRelay(int target) throws IOException {
    this.target = target;
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Down: every connection dropped, new ones too. */
  synchronized void pause() throws IOException {
    down = true;
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  /** Back. */
  synchronized void resume() {
    down = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        synchronized (this) {
          if (down) {
            in.close();
            continue;
          }
          Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
          open.add(in);
          open.add(out);
          pump(in, out);
          pump(out, in);
        }
      } catch (IOException closed) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException closed) {
        // either side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }, "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    pause();
    server.close();
  }
}
