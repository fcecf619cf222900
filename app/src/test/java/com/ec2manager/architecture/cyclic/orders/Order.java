package com.ec2manager.architecture.cyclic.orders;

import com.ec2manager.architecture.cyclic.billing.Invoice;

/** Half of a deliberate package cycle for {@code PackageCyclesTest}. */
public record Order(String id, Invoice invoice) {
}
