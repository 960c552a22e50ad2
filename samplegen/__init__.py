"""samplegen: synthetic back-office documents (invoices, payroll registers, W-9s, direct deposit forms)
with ground truth, in digital, fillable, scanned, handwritten and deliberately broken variants."""
