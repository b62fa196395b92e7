import java.lang.reflect.Field;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local (the jar's own server, built from the same command line as its ServerRunner) but bound to
 * one address: the jar has no option for that and its Jetty server listens on every interface by default.
 * The address comes from -Ddynamodb.local.host (default 127.0.0.1). Telemetry is never configured, so none is sent.
 */
public final class DynamoDbLocalLoopback {
    private DynamoDbLocalLoopback() {
    }

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("dynamodb.local.host", "127.0.0.1");
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        Connector[] connectors = server.getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind");
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof AbstractNetworkConnector network)) {
                throw new IllegalStateException("Unexpected connector " + connector.getClass().getName());
            }
            network.setHost(host);
        }
        proxy.start();
        System.out.println("DynamoDB Local listening on " + host);
    }
}
