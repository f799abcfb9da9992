import FacewatchSupport

/// Tests draw their reproducible random numbers from the project's own generator.
typealias SeededGenerator = SplitMix64
