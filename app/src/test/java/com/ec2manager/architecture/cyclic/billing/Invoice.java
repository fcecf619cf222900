package com.ec2manager.architecture.cyclic.billing;

import com.ec2manager.architecture.cyclic.orders.Order;

/** The other half of a deliberate package cycle for {@code PackageCyclesTest}. */
public record Invoice(String number, Order order) {
}
