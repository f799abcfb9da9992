import FaceEvents
import FaceIdentity
import FaceStream
import FaceVision
import FacewatchConfig
import FacewatchSupport
import Foundation
import NeuralEngine

/// Why the daemon could not start; one line.
struct DaemonError: Error, CustomStringConvertible {
    let description: String
    /// A problem a person fixes in the configuration or the installation, not a runtime failure.
    let isConfiguration: Bool
}

/// The daemon's wiring: models, gallery, event sinks, streams, signals and the service manager.
final class Daemon: @unchecked Sendable {
    let configuration: FacewatchConfiguration
    private let notifier: SystemdNotifier
    private let models: RecognitionModels
    private let galleryIdentity: EmbedderIdentity
    private let fanOut: EventFanOut
    private let log: JSONLinesLog?
    private let service: WatchService
    private var signalSources: [DispatchSourceSignal] = []
    private var watchdog: DispatchSourceTimer?
    private let statusReporter: ServiceStatusReporter
    private let control = DispatchQueue(label: "facewatch.control")

    init(configuration: FacewatchConfiguration, notifier: SystemdNotifier) throws(DaemonError) {
        self.configuration = configuration
        self.notifier = notifier
        BLAS.setThreadCount(1)
        let detector: MTCNNDetector, embedder: any FaceEmbedder
        do {
            detector = try MTCNNDetector(modelsDirectory: configuration.modelsDirectory)
        } catch {
            throw DaemonError(description: "\(error)", isConfiguration: true)
        }
        do {
            let base: any FaceEmbedder
            switch configuration.embedder {
            case .dlib:
                base = try DlibFaceEmbedder(modelsDirectory: configuration.modelsDirectory)
            case .onnx(let onnx):
                let template: FaceTemplate = onnx.template == .dlib ? .dlib150 : .arcFace112
                base = try ONNXFaceEmbedder(path: onnx.file, options: ONNXEmbedderOptions(template: template, inputSize: onnx.inputSize))
            }
            embedder = configuration.mirrorAverage ? MirrorAveragedEmbedder(base) : base
        } catch {
            throw DaemonError(description: "\(error)", isConfiguration: true)
        }
        galleryIdentity = EmbedderIdentity(embedder)
        let index: DescriptorIndex
        do {
            index = try Self.loadGallery(configuration.galleryPath, embedder: galleryIdentity)
        } catch {
            throw DaemonError(description: "\(error)", isConfiguration: true)
        }
        models = RecognitionModels(detector: detector, embedder: embedder, index: index)

        var sinks: [any EventSink] = []
        var log: JSONLinesLog?
        do {
            switch configuration.events.log {
            case .file(let path):
                log = try JSONLinesLog(path: path)
            case .standardOutput:
                log = try JSONLinesLog(path: JSONLinesLog.standardOutputPath)
            case .disabled:
                break
            }
            if let log { sinks.append(log) }
            if let socket = configuration.events.socket {
                let server = try EventSocketServer(
                    path: socket,
                    configuration: .init(fileMode: mode_t(configuration.events.socketMode), bufferLimit: configuration.events.subscriberBuffer),
                    diagnostics: { printError($0) })
                sinks.append(server)
            }
        } catch {
            for sink in sinks { try? sink.close() }
            throw DaemonError(description: "\(error)", isConfiguration: true)
        }
        self.log = log
        let fanOut = EventFanOut(sinks: sinks, diagnostics: { printError($0) })
        self.fanOut = fanOut
        let statusReporter = ServiceStatusReporter(streams: configuration.streams.map(\.name), notifier: notifier)
        self.statusReporter = statusReporter
        let workers = configuration.workers > 0 ? configuration.workers : DaemonSetup.coreCount
        service = WatchService(
            streams: configuration.streams.map { DaemonSetup.streamSpec($0, configuration) }, models: models,
            workers: workers,
            publish: { event in
                fanOut.publish(event)
                statusReporter.record(event)
            },
            diagnostics: { printError($0) })
    }

    /// Opens (creating if needed) the gallery, which must belong to `embedder`, and loads its descriptors.
    static func loadGallery(_ path: String, embedder: EmbedderIdentity) throws(GalleryError) -> DescriptorIndex {
        try Gallery(path: path, embedder: embedder).loadIndex()
    }

    /// Runs until every stream has ended or a stop signal has been handled; all events are delivered on return.
    func run() throws(SessionError) {
        installSignalHandlers()
        startWatchdog()
        statusReporter.ready()
        statusReporter.start(on: control)
        defer {
            statusReporter.stop()
            try? notifier.stopping(status: "delivering the last events")
            watchdog?.cancel()
            closeSinks()
        }
        try service.run()
        for (stream, counts) in service.statistics {
            printError(Self.summary(stream: stream, counts))
        }
    }

    static func summary(stream: String, _ c: AnalysisCounts) -> String {
        func ms(_ seconds: Double, _ count: Int) -> String {
            count == 0 ? "" : String(format: " (%.1f ms each)", seconds * 1000 / Double(count))
        }
        return "\(stream): \(c.frames) frames analysed, \(c.droppedFrames) dropped; \(c.detections) full detections"
            + ms(c.detectionSeconds, c.detections) + ", \(c.refinements) track refinements" + ms(c.refinementSeconds, c.refinements)
            + ", \(c.searches) searches for missed faces" + ms(c.searchSeconds, c.searches)
            + ", \(c.embeddings) faces embedded" + ms(c.embeddingSeconds, c.embeddings)
            + String(format: "; latency p50 %.0f ms, p99 %.0f ms", (c.latency.percentile(0.5) ?? 0) * 1000, (c.latency.percentile(0.99) ?? 0) * 1000)
            + (c.framesCatchingUp == 0 ? "" : "; \(c.framesCatchingUp) frames analysed while catching up (tracks coasting, no embedding)")
    }

    func closeSinks() {
        fanOut.close()
    }

    private func installSignalHandlers() {
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: control)
            source.setEventHandler { [weak self] in self?.handle(signal: number) }
            source.resume()
            signalSources.append(source)
        }
    }

    private func handle(signal number: Int32) {
        if number == SIGHUP {
            reload()
        } else {
            printError("stopping (signal \(number)): finishing the frames in flight")
            try? notifier.stopping(status: "stopping")
            service.shutdown()
        }
    }

    /// SIGHUP: the gallery is read again (enrolments made meanwhile take effect) and the log file reopened.
    private func reload() {
        try? notifier.reloading(status: "reloading the gallery")
        do {
            let index = try Self.loadGallery(configuration.galleryPath, embedder: galleryIdentity)
            models.replaceIndex(index)
            printError("gallery reloaded: \(index.people.count) people, \(index.count) descriptors")
        } catch {
            printError("gallery not reloaded, the previous one stays in use: \(error)")
        }
        do {
            try log?.reopen()
        } catch {
            printError("\(error)")
        }
        statusReporter.ready()
    }

    private func startWatchdog() {
        guard let interval = notifier.watchdogInterval else { return }
        let timer = DispatchSource.makeTimerSource(queue: control)
        let seconds = DaemonSetup.seconds(interval)
        timer.schedule(deadline: .now() + seconds, repeating: seconds)
        // The ping says the pipeline is alive: it stops when an analysis has been stuck in one frame for longer than
        // the whole watchdog period, and systemd then restarts the service.
        let stuckAfter = 2 * seconds
        timer.setEventHandler { [notifier, service] in
            let stuck = service.longestFrameInProgress
            if stuck < stuckAfter {
                try? notifier.watchdogPing()
            } else {
                printError("analysis stuck in one frame for \(Int(stuck)) s; not pinging the watchdog")
            }
        }
        timer.resume()
        watchdog = timer
    }
}
