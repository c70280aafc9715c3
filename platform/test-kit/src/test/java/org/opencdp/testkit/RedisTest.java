package org.opencdp.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedisTest {

  @Test
  void answersPingAndKeepsWhatWasSet() throws IOException {
    RedisServer redis = Infrastructure.redis();
    String key = "test-kit:" + UUID.randomUUID();

    try (var connection = new Resp(redis)) {
      assertThat(connection.send("PING")).isEqualTo("+PONG");
      assertThat(connection.send("SET", key, "hello")).isEqualTo("+OK");
      assertThat(connection.send("GET", key)).isEqualTo("$5");
      assertThat(connection.readLine()).isEqualTo("hello");
      assertThat(connection.send("DEL", key)).isEqualTo(":1");
    }
  }

  @Test
  void namesItselfAsClientsExpect() {
    RedisServer redis = Infrastructure.redis();

    assertThat(redis.uri()).isEqualTo("redis://" + redis.host() + ":" + redis.port());
  }

  /** Just enough RESP for the test: commands as arrays of bulk strings, replies line by line. */
  private static final class Resp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    Resp(RedisServer redis) throws IOException {
      socket = new Socket(redis.host(), redis.port());
      socket.setSoTimeout(5_000);
      out = socket.getOutputStream();
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
    }

    String send(String... command) throws IOException {
      var request = new StringBuilder("*").append(command.length).append("\r\n");
      for (String part : command) {
        request.append('$').append(part.getBytes(UTF_8).length).append("\r\n");
        request.append(part).append("\r\n");
      }
      out.write(request.toString().getBytes(UTF_8));
      out.flush();
      return readLine();
    }

    String readLine() throws IOException {
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
