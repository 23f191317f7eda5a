import ArgumentParser
import NokoriCore

extension Confidence: ExpressibleByArgument {}
