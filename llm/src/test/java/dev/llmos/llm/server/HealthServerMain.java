package dev.llmos.llm.server;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * a stand-in model server, run in a second jvm by the launcher tests: serves 200 on /health after an
 * optional delay, can start a child of its own (to prove the whole tree is stopped), or fail at once
 * the way a server with a missing model file does.
 */
public final class HealthServerMain {

    private HealthServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        List<String> flags = List.of(args).subList(1, args.length);
        if (flags.contains("--fail")) {
            System.out.println("loading model /models/missing.gguf");
            System.out.println("error: model file not found");
            System.exit(3);
        }
        if (flags.contains("--child")) {
            new ProcessBuilder("sleep", "600").inheritIO().start();
        }
        System.out.println("loading model...");
        Thread.sleep(700);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        System.out.println("listening on " + port);
    }
}
