import ArgumentParser
import FaceIdentity
import Foundation
import NeuralEngine

/// Times matching one descriptor against a large gallery of synthetic descriptors held in a `DescriptorIndex`.
struct BenchMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Time matching one descriptor against a synthetic gallery (min and median).",
        discussion: """
            The gallery holds reproducible random descriptors spread over --people people; each timed run looks \
            up a different random query (the nearest person and its distance). Building the gallery is not timed.
            """)

    @Option(help: "Descriptors in the gallery.")
    var gallerySize: Int = 100_000

    @Option(help: "People the descriptors belong to (default: one per 5 descriptors).")
    var people: Int?

    @Option(help: "Values per descriptor (dlib's ResNet: 128; ArcFace models: usually 512).")
    var dimension: Int = 128

    @Option(name: .customLong("repeat"), help: "Timed lookups (after one warm-up).")
    var repetitions: Int = 100

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    @Flag(help: "One JSON object instead of a sentence.")
    var json = false

    func validate() throws {
        guard gallerySize >= 1 else { throw ValidationError("--gallery-size must be at least 1") }
        guard dimension >= 1 else { throw ValidationError("--dimension must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let people, people < 1 { throw ValidationError("--people must be at least 1") }
    }

    func run() throws {
        BLAS.setThreadCount(threads)
        let embedder = EmbedderIdentity(name: "synthetic", dimension: dimension, metric: .euclidean)
        let peopleCount = people ?? max(1, gallerySize / 5)
        let index = DescriptorIndex.synthetic(count: gallerySize, people: peopleCount, embedder: embedder, seed: 1)
        var queries = SyntheticDescriptors(seed: 2)
        _ = index.nearest(to: queries.next(for: embedder))
        var seconds = [Double]()
        var found = 0
        for _ in 0..<repetitions {
            let query = queries.next(for: embedder)
            let start = DispatchTime.now().uptimeNanoseconds
            let nearest = index.nearest(to: query)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            if nearest != nil { found += 1 }
        }
        precondition(found == repetitions, "a non-empty gallery always has a nearest person")
        let summary = TimingSummary(seconds)
        if json {
            print(JSONText.object([
                ("gallerySize", String(gallerySize)), ("people", String(peopleCount)), ("dimension", String(dimension)),
                ("metric", JSONText.string("euclidean")), ("threads", String(threads)), ("repeat", String(repetitions)),
                ("ms", summary.jsonMilliseconds(decimals: 4)),
            ]))
        } else {
            let ms = { (s: Double) in String(format: "%.3f ms", s * 1000) }
            print("match: 1 descriptor against \(gallerySize) (\(dimension)-D, Euclidean, \(peopleCount) people, \(threads) thread\(threads == 1 ? "" : "s")): min \(ms(summary.minimum)), median \(ms(summary.median)) over \(repetitions) lookups")
        }
    }
}
