import FaceIdentity
import FaceMedia
import FaceStream
import FaceTrack
import FaceVision
import FacewatchConfig
import Foundation

/// Turns the configuration file's values into the pipeline's settings.
enum DaemonSetup {
    static func streamSpec(_ stream: StreamConfiguration, _ configuration: FacewatchConfiguration) -> StreamSpec {
        let location: MediaLocation = switch stream.source {
        case .file(let path): .file(path: path)
        case .live(let url): .network(url: url)
        }
        var spec = StreamSpec(name: stream.name, location: location)
        spec.input = VideoInputOptions(
            rtspTransport: stream.rtspTransport == .udp ? .udp : .tcp, timeout: seconds(stream.timeout),
            analysisWidth: stream.detectWidth ?? 0, decoderThreads: 1, keepsFullResolution: true,
            turn: PictureOrientation(quarterTurnsClockwise: stream.rotate / 90))
        spec.realtime = stream.realtime
        spec.queueCapacity = stream.queueCapacity
        spec.reconnectInitialDelay = seconds(stream.reconnect.initialDelay)
        spec.reconnectMaxDelay = seconds(stream.reconnect.maximumDelay)

        var analysis = AnalysisSettings()
        analysis.detectEvery = stream.detectEvery
        let detection = configuration.detection
        analysis.detection = MTCNNOptions(
            minimumFaceSize: Double(stream.minFace), scaleFactor: detection.scaleFactor,
            thresholds: (detection.thresholds.pnet, detection.thresholds.rnet, detection.thresholds.onet))
        let tracking = configuration.tracking
        analysis.tracking = TrackerOptions(
            iouThreshold: tracking.iouThreshold, confirmHits: tracking.confirmHits,
            maxLostSeconds: seconds(tracking.maximumLostTime))
        analysis.refineTracks = tracking.refine
        analysis.searchMissedTracks = tracking.searchMissed
        let recognition = configuration.recognition
        analysis.threshold = Float(recognition.threshold)
        analysis.vote = TrackIdentityVote.Options(
            minimumEmbeddings: recognition.minEmbeddings, unknownAfter: recognition.unknownAfter,
            switchMargin: Float(recognition.switchMargin))
        analysis.embedEvery = recognition.embedEvery
        analysis.embeddingsPerFrame = recognition.embeddingsPerFrame
        spec.analysis = analysis
        return spec
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
