#!/usr/bin/env python3
"""Edits a copy of the repository as a policy author would, touching only policy/*.policy,
policy/*.examples and the document. Step 'policy': 24 months of warranty for IoT devices, and a
new exclusion for a triggered liquid damage indicator (a fact, a clause and the sentence it
quotes). Step 'examples': the examples brought up to date with those decisions, and with what
would change them (their what-ifs): an IoT device's last covered day moves by twelve months."""
import pathlib
import sys


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"{path}: the text to change is not there: {old[:60]!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_example(path, name, old, new):
    """Like edit, inside the example of that name only: the same line may stand in other examples."""
    text = path.read_text(encoding="utf-8")
    start = text.find(f'example "{name}"\n')
    if start < 0:
        sys.exit(f"{path}: no example named {name!r}")
    end = text.find("\nexample ", start + 1)
    end = len(text) if end < 0 else end + 1
    block = text[start:end]
    if old not in block:
        sys.exit(f"{path}: the text to change is not in {name!r}: {old[:60]!r}")
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:], encoding="utf-8")


def policy_change(policy):
    # 24 months for IoT devices, with the sentence that says so in the document.
    edit(policy / "after-sales-service-standard.txt",
         "within the quality assurance period.\n",
         "within the quality assurance period.\nIoT devices are covered for 24 months.\n")
    edit(policy / "03-warranty-duration.policy",
         "define warrantyActive = warrantyStart <= claimDate and claimDate < warrantyStart + 12 months\n"
         "  \"The claim falls within the 12 months of warranty.\"",
         "define warrantyActive = warrantyStart <= claimDate and claimDate <= warrantyEnd\n"
         "  \"The claim falls within the months of warranty.\"")
    edit(policy / "03-warranty-duration.policy",
         "define warrantyEnd = warrantyStart + 12 months - 1 day\n"
         "  \"The last day the warranty covers.\"",
         "define warrantyEnd = if product is iotDevice then warrantyStart + 24 months - 1 day else warrantyStart + 12 months - 1 day\n"
         "  \"The last day the warranty covers.\"\n"
         "  quote \"IoT devices are covered for 24 months.\"")

    # A new exclusion: the liquid damage indicator, a fact, its clause and its sentence.
    edit(policy / "after-sales-service-standard.txt",
         "Warranty sticker is missing/misplaced or altered.\n",
         "Warranty sticker is missing/misplaced or altered.\nThe liquid damage indicator is triggered.\n")
    edit(policy / "00-vocabulary.policy",
         "fact rooted: bool = false\n",
         "fact liquidDamageIndicatorTriggered: bool = false\n"
         "  \"The liquid damage indicator inside the device has been triggered.\"\n"
         "fact rooted: bool = false\n")
    edit(policy / "04-warranty-exclusions.policy",
         "clause EX-4\n",
         "clause EX-17\n"
         "  quote \"The liquid damage indicator is triggered.\"\n"
         "  exception to WP-2\n"
         "  when liquidDamageIndicatorTriggered\n"
         "  then paid\n\n"
         "clause EX-4\n")


def examples_change(policy):
    # The IoT device past its warranty is now past 24 months, and 13 months in is still covered.
    late = "An IoT device claimed after its warranty is repaired for a fee"
    edit(policy / "04-warranty-exclusions.examples",
         f"example \"{late}\"\n"
         "  claim {\"product\": \"iotDevice\", \"claimDate\": \"2025-06-15\", \"invoiceDate\": \"2024-05-30\",\n",
         f"example \"{late}\"\n"
         "  claim {\"product\": \"iotDevice\", \"claimDate\": \"2026-06-15\", \"invoiceDate\": \"2024-05-30\",\n")
    edit_example(policy / "04-warranty-exclusions.examples", late,
                 "      free if claimDate from 2024-05-30 through 2025-05-29 (WP-2; no longer EX-2)\n"
                 "      free if invoiceDate from 2024-06-16 through 2025-06-15 (WP-2; no longer EX-2)\n"
                 "      free if deliveryDate from 2024-06-16 through 2025-06-15 (WP-2; no longer EX-2)\n",
                 "      free if claimDate from 2024-05-30 through 2026-05-29 (WP-2; no longer EX-2)\n"
                 "      free if invoiceDate from 2024-06-16 through 2026-06-15 (WP-2; no longer EX-2)\n"
                 "      free if deliveryDate from 2024-06-16 through 2026-06-15 (WP-2; no longer EX-2)\n")

    # What would make an IoT claim paid, or free, moves by the twelve months more.
    edit_example(policy / "02-warranty-policy.examples",
                 "An IoT device with a manufacturing defect in warranty is repaired free",
                 "      paid if claimDate from 2025-06-01 through 2199-12-31 (EX-2; no longer WP-2)\n"
                 "      paid if activationDate from 1900-01-01 through 2024-03-10 (EX-2; no longer WP-2)\n"
                 "      paid if invoiceDate is not known (WD-12; no longer WP-2)\n"
                 "      paid if invoiceDate from 1900-01-01 through 2024-03-10 (EX-2; no longer WP-2)\n",
                 "      paid if claimDate from 2026-06-01 through 2199-12-31 (EX-2; no longer WP-2)\n"
                 "      paid if activationDate from 1900-01-01 through 2023-03-10 (EX-2; no longer WP-2)\n"
                 "      paid if invoiceDate is not known (WD-12; no longer WP-2)\n"
                 "      paid if invoiceDate from 1900-01-01 through 2023-03-10 (EX-2; no longer WP-2)\n")
    edit_example(policy / "03-warranty-duration.examples",
                 "A delivery date alone does not establish the warranty",
                 "      free if activationDate from 2024-03-11 through 2025-03-10 (WP-2; no longer WD-12)\n",
                 "      free if activationDate from 2023-03-11 through 2025-03-10 (WP-2; no longer WD-12)\n")

    edit_example(policy / "04-warranty-exclusions.examples", late,
                 "    warranty from 2024-05-30 through 2025-05-29 not active\n",
                 "    warranty from 2024-05-30 through 2026-05-29 not active\n")

    # Two new examples, after the late one.
    edit_example(policy / "04-warranty-exclusions.examples", late,
         "      free if deliveryDate from 2024-06-16 through 2026-06-15 (WP-2; no longer EX-2)\n",
         "      free if deliveryDate from 2024-06-16 through 2026-06-15 (WP-2; no longer EX-2)\n\n"
         "example \"An IoT device is covered for 24 months\"\n"
         "  claim {\"product\": \"iotDevice\", \"claimDate\": \"2025-06-15\", \"invoiceDate\": \"2024-05-30\",\n"
         "         \"cause\": \"manufacturingDefect\"}\n"
         "  expect free\n"
         "    remedies repair\n"
         "    cites WP-2, WD-4, WD-7, WD-8, WD-11, EX-15\n"
         "    warranty from 2024-05-30 through 2026-05-29 active\n"
         "    what-ifs\n"
         "      paid if claimDate from 2026-05-30 through 2199-12-31 (EX-2; no longer WP-2)\n"
         "      paid if activationDate from 1900-01-01 through 2023-06-15 (EX-2; no longer WP-2)\n"
         "      paid if invoiceDate is not known (WD-12; no longer WP-2)\n"
         "      paid if invoiceDate from 1900-01-01 through 2023-06-15 (EX-2; no longer WP-2)\n\n"
         "example \"A triggered liquid damage indicator voids the warranty\"\n"
         "  claim {\"product\": \"smartWatch\", \"claimDate\": \"2025-03-10\", \"invoiceDate\": \"2024-06-01\",\n"
         "         \"cause\": \"manufacturingDefect\", \"liquidDamageIndicatorTriggered\": true}\n"
         "  expect paid\n"
         "    remedies repair\n"
         "    cites WD-11, EX-1, EX-15, EX-17\n"
         "    warranty from 2024-06-01 through 2025-05-31 active\n"
         "    what-ifs none # the indicator is not the customer's to undo\n")


if __name__ == "__main__":
    step, root = sys.argv[1], pathlib.Path(sys.argv[2])
    {"policy": policy_change, "examples": examples_change}[step](root / "policy")
