import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Installer check, not part of the app: loads ND4J's native CPU backend from the installed
 * package's jars with the bundled runtime and multiplies two small matrices. test-deb.sh compiles
 * it (when a javac is available) and runs it with /opt/blockscope/lib/runtime/bin/java.
 */
public final class Nd4jSmoke {
    public static void main(String[] args) {
        INDArray a = Nd4j.linspace(1, 16, 16).reshape(4, 4);
        double trace = a.mmul(a).getDouble(0, 0) + a.mmul(a).getDouble(3, 3);
        // (a*a)[0][0] = 1*1+2*5+3*9+4*13 = 90, (a*a)[3][3] = 13*4+14*8+15*12+16*16 = 600
        System.out.println("ND4J backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", blas " + Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor")
                + ", check " + trace);
        System.exit(trace == 690.0 ? 0 : 1);
    }
}
