/// Writes a clip into a named pipe from a child process (`cat`), so that a daemon reading the pipe as its video
/// file starts only when the test says so, and the test never blocks on the pipe itself.
enum FIFOFeeder {
    static func start(_ clip: String, into fifo: String, in directory: TestDirectory) throws -> ChildProcess {
        try ChildProcess(
            "/bin/sh", ["-c", "exec cat \"$1\" > \"$2\"", "feed", clip, fifo],
            standardOutput: directory.file("feeder.out"), standardError: directory.file("feeder.err"))
    }
}
