import ArgumentParser
import NokoriExtract

extension OCRMode: ExpressibleByArgument {}
